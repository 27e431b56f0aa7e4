// The counter page's behaviour (medleaf serve): find a medicine as you type, choose the
// leaflet, fill the patient's directions, open the PDF. No inline script is allowed (CSP), so
// every word comes from the page's data-* attributes (translated there, from ui.po), and the
// patient's directions travel only in the body of a same-origin POST: never in a URL, never
// stored.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const root = $("counter");
  if (!root) return;
  const words = root.dataset;
  const uiLang = words.lang;
  const state = { leaflets: [], languages: [], chosen: null };
  const say = (template, values) =>
    template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));

  // ---- the list of medicines -------------------------------------------------------------
  const fold = (text) => (text || "").normalize("NFKC").toLocaleLowerCase();

  function haystack(leaflet) {
    return [leaflet.id, ...Object.values(leaflet.names || {}), ...(leaflet.brands || [])]
      .map(fold);
  }

  function displayName(leaflet) {
    return (leaflet.names && (leaflet.names[uiLang] || leaflet.names.en)) || leaflet.id;
  }

  function matches(query) {
    const q = fold(query).trim();
    if (!q) return state.leaflets.slice();
    const found = [];
    for (const leaflet of state.leaflets) {
      const texts = haystack(leaflet);
      if (texts.some((t) => t.startsWith(q))) found.push([0, leaflet]);
      else if (texts.some((t) => t.includes(q))) found.push([1, leaflet]);
    }
    return found.sort((a, b) => a[0] - b[0]).map((pair) => pair[1]);
  }

  // an element holding a text, in its own language when it has one
  function textElement(tag, text, lang) {
    const element = document.createElement(tag);
    element.textContent = text;
    if (lang) element.lang = lang;
    return element;
  }

  function span(text, cls, lang) {
    const element = textElement("span", text, lang);
    element.className = cls;
    return element;
  }

  function htmlLang(tag) {
    return tag === "zh-HK" ? "zh-Hant-HK" : tag;
  }

  function resultItem(leaflet) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "result";
    button.dataset.id = leaflet.id;
    button.setAttribute("aria-pressed", String(state.chosen === leaflet));
    button.append(span(displayName(leaflet), "name", htmlLang(uiLang)));
    for (const [tag, name] of Object.entries(leaflet.names || {})) {
      if (tag !== uiLang && name !== displayName(leaflet)) {
        button.append(" ", span(name, "other-name", htmlLang(tag)));
      }
    }
    if ((leaflet.brands || []).length) {
      button.append(" ", span(leaflet.brands.join(", "), "brands", "en"));
    }
    if (leaflet.review !== "approved") button.append(" ", span(words.draft, "draft"));
    button.addEventListener("click", () => choose(leaflet));
    item.append(button);
    return item;
  }

  let announce = null;
  function showResults() {
    const query = $("search").value;
    const found = matches(query);
    $("results").replaceChildren(...found.map(resultItem));
    clearTimeout(announce);  // one announcement once typing pauses, not one a key
    announce = setTimeout(() => {
      $("results-status").textContent = !query.trim() ? "" : found.length === 0
        ? words.foundNone : found.length === 1 ? words.foundOne
          : say(words.foundMany, { n: found.length });
    }, 350);
  }

  function resultButtons() {
    return Array.from($("results").querySelectorAll("button.result"));
  }

  // Arrow keys: from the search box into the results, and between them; Escape goes back.
  $("search").addEventListener("input", showResults);
  $("search").addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && resultButtons().length) {
      event.preventDefault();
      resultButtons()[0].focus();
    }
  });
  $("results").addEventListener("keydown", (event) => {
    const buttons = resultButtons();
    const at = buttons.indexOf(document.activeElement);
    if (at < 0) return;
    const moves = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      const next = moves[event.key];
      if (next < 0) $("search").focus();
      else buttons[Math.min(next, buttons.length - 1)].focus();
    } else if (event.key === "Escape") {
      $("search").focus();
    }
  });

  // ---- the chosen leaflet ----------------------------------------------------------------
  function option(value, text, lang) {
    const element = textElement("option", text, lang);
    element.value = value;
    return element;
  }

  function fillLanguages() {
    const select = $("lang");
    const before = select.value;
    const has = state.chosen ? state.chosen.languages || [] : null;
    const usable = state.languages.filter((language) =>
      !has || language.tag.split("+").every((part) => has.includes(part)));
    select.replaceChildren(...usable.map((language) =>
      option(language.tag, language.name, language.tag.includes("+") ? "" :
        htmlLang(language.tag))));
    const tags = usable.map((language) => language.tag);
    select.value = tags.includes(before) ? before : tags.includes(uiLang) ? uiLang : tags[0] || "";
  }

  function fillStrengths() {
    const select = $("f-strength");
    const dispensing = (state.chosen && state.chosen.dispensing) || {};
    const liquid = $("f-form").value === "ml";
    const strengths = (dispensing.strengths || []).filter((s) => /\/\s*[\d.]*\s*ml/i.test(s) === liquid);
    select.replaceChildren(option("", words.noStrength),
      ...strengths.map((strength) => option(strength, strength, "en")));
    select.value = strengths[0] || "";
  }

  function choose(leaflet) {
    state.chosen = leaflet;
    const dispensing = leaflet.dispensing || {};
    if ((dispensing.forms || []).length) $("f-form").value = dispensing.forms[0];
    $("f-route").value = dispensing.route || "";
    fillLanguages();
    fillStrengths();
    for (const button of resultButtons()) {
      button.setAttribute("aria-pressed", String(button.dataset.id === leaflet.id));
    }
    $("chosen").textContent = say(leaflet.review === "approved" ? words.chosen
      : words.chosenDraft, { name: displayName(leaflet) });
    $("print-status").textContent = "";
    updateLink();
  }

  // ---- opening the PDF -------------------------------------------------------------------
  function pdfPath() {
    return `/api/leaflets/${encodeURIComponent(state.chosen.id)}.pdf`;
  }

  function updateLink() {
    const link = $("open");
    if (!state.chosen) {
      link.setAttribute("aria-disabled", "true");
      link.href = "#";
      return;
    }
    const query = new URLSearchParams({ lang: $("lang").value, paper: $("paper").value });
    if ($("large_print").checked) query.set("large_print", "1");
    link.href = `${pdfPath()}?${query}`;
    link.removeAttribute("aria-disabled");
  }

  $("open").addEventListener("click", (event) => {
    if (!state.chosen) {
      event.preventDefault();
      $("print-status").textContent = words.chooseFirst;
      $("search").focus();
    }
  });
  for (const id of ["lang", "paper", "large_print"]) $(id).addEventListener("change", updateLink);
  $("f-form").addEventListener("change", fillStrengths);

  $("personal").addEventListener("change", () => {
    const on = $("personal").checked;
    $("personal-fields").hidden = !on;
    $("open").hidden = on;
    $("open-personal").hidden = !on;
    $("personal-only").hidden = !on;
  });

  // Typing in a way of timing's own field chooses that way.
  for (const input of document.querySelectorAll("[data-timing]")) {
    input.addEventListener("input", () => { $(`t-${input.dataset.timing}`).checked = true; });
  }

  const text = (id) => $(id).value.trim();
  const whole = (id) => (/^\d+$/.test(text(id)) ? Number(text(id)) : text(id));

  function directions() {
    const given = { form: $("f-form").value, age_group: $("f-age_group").value };
    if (text("f-patient")) given.patient = $("f-patient").value;
    const timing = document.querySelector("input[name=timing]:checked").value;
    if (timing === "schedule") {
      given.schedule = {};
      for (const input of document.querySelectorAll("[data-timing=schedule]")) {
        if (input.value.trim()) given.schedule[input.dataset.field.split(".")[1]] = input.value.trim();
      }
    } else {
      if (text("f-dose")) given.dose = text("f-dose");
      if (timing === "as_needed") {
        given.as_needed = { reason: $("f-as_needed-reason").value,
          min_hours: whole("f-as_needed-min_hours"), max_per_day: whole("f-as_needed-max_per_day") };
      } else {
        given[timing] = whole(`f-${timing}`);
      }
    }
    for (const id of ["route", "strength", "food", "start"]) {
      if (text(`f-${id}`)) given[id] = text(`f-${id}`);
    }
    const length = $("f-length").value;
    if (length === "days" || length === "weeks") given[length] = whole("f-length-count");
    else if (length) given[length] = true;
    if ($("f-above_maximum_confirmed").checked) given.above_maximum_confirmed = true;
    return given;
  }

  // Where a field's error is shown: its own message element, else the nearest enclosing one.
  const OTHER_INPUTS = { days: "f-length-count", weeks: "f-length-count",
    until_finished: "f-length", long_term: "f-length" };

  function clearErrors() {
    for (const element of document.querySelectorAll(".error")) {
      element.hidden = true;
      element.textContent = "";
    }
    for (const element of document.querySelectorAll("[aria-invalid]")) {
      element.removeAttribute("aria-invalid");
    }
  }

  function showError(field, message) {
    const path = (field || "").replace(/^directions\.?/, "");
    const parts = path ? path.split(".") : [];
    let shown = null;
    while (parts.length && !shown) {
      shown = $(`err-${parts.join("-")}`);
      if (!shown) parts.pop();
    }
    const key = parts.join(".");
    shown = shown || $(field && field.startsWith("directions") ? "err-directions" : "print-status");
    shown.hidden = false;
    shown.textContent = shown.textContent ? `${shown.textContent} ${message}` : message;
    const input = key && (document.querySelector(`[data-field="${key}"]`) || $(OTHER_INPUTS[key]));
    if (input) input.setAttribute("aria-invalid", "true");
    return input || shown;
  }

  async function openPersonal(personalOnly) {
    clearErrors();
    const status = $("print-status");
    if (!state.chosen) {
      status.textContent = words.chooseFirst;
      $("search").focus();
      return;
    }
    status.textContent = words.preparing;
    const body = { lang: $("lang").value, paper: $("paper").value,
      large_print: $("large_print").checked, directions: directions(),
      personal_only: personalOnly };
    let response;
    try {
      response = await fetch(pdfPath(), { method: "POST", body: JSON.stringify(body),
        credentials: "same-origin", cache: "no-store",
        headers: { "Content-Type": "application/json", "X-Medleaf": "1",
          "Accept-Language": uiLang } });
    } catch (error) {
      status.textContent = words.unreachable;
      return;
    }
    if (response.ok) {
      const url = URL.createObjectURL(await response.blob());
      setTimeout(() => URL.revokeObjectURL(url), 10 * 60 * 1000);
      const opened = window.open(url, "_blank");
      if (opened) {
        status.textContent = words.ready;
      } else {  // a popup blocker: a link the pharmacist clicks instead
        const link = document.createElement("a");
        link.href = url;
        link.target = "_blank";
        link.textContent = words.openHere;
        status.replaceChildren(`${words.blocked} `, link);
      }
      return;
    }
    let errors = [];
    try {
      errors = (await response.json()).errors || [];
    } catch (error) {
      errors = [];
    }
    const onFields = errors.filter((e) => e.field);
    if (onFields.length) {
      const first = onFields.map((e) => showError(e.field, e.message))[0];
      status.textContent = words.fix;
      if (first && first.focus) first.focus();
    } else {  // the server's own trouble: said once, in the status line
      const reasons = [...new Set(errors.map((e) => e.message))].join(" ");
      status.textContent = say(words.failed, { reason: reasons || String(response.status) });
    }
  }

  $("leaflet-form").addEventListener("submit", (event) => {
    event.preventDefault();
    if ($("personal").checked) openPersonal(false);
    else if (state.chosen) $("open").click();
  });
  $("personal-only").addEventListener("click", () => openPersonal(true));

  // ---- start -----------------------------------------------------------------------------
  fetch("/api/leaflets", { credentials: "same-origin" })
    .then((response) => {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then((data) => {
      state.leaflets = data.leaflets || [];
      state.languages = data.languages || [];
      $("paper").replaceChildren(...(data.papers || []).map((paper) => option(paper, paper)));
      fillLanguages();
      fillStrengths();
      showResults();
      updateLink();
    })
    .catch(() => {
      $("results-status").textContent = words.loadingFailed;
    });
})();

"""The English words of a patient's directions and of the personal page: the msgids of
every directions catalog (medleaf/locales/LOCALE/LC_MESSAGES/directions.po), by context."""

from __future__ import annotations

LABELS = ("Your directions", "Patient", "How to take it", "Dispensed on", "Pharmacist",
          "Pharmacy", "Above the usual maximum: confirmed by the pharmacist.", "Cautions")
"""The personal page's labels (render/personal.py), translated with the directions."""

CAUTION_WORDS = {
    "drowsiness": "This medicine may make you drowsy. If it does, do not drive or use "
                  "machines.",
    "alcohol": "Avoid alcoholic drinks.",
    "do_not_stop": "Do not stop taking it suddenly.",
    "complete_course": "Finish the whole course, even if you feel better.",
    "external_use": "For external use only. Do not swallow.",
    "shake_well": "Shake well before use.",
    "swallow_whole": "Swallow whole: do not crush or chew.",
}

ROUTE_WORDS = {"by_mouth": "Take by mouth", "under_tongue": "Place under the tongue",
                "inhaled": "Inhale", "eye": "Put into the eye", "ear": "Put into the ear",
                "nose": "Use in the nose", "skin": "Use on the skin",
                "rectal": "Insert into the back passage"}
TIME_WORDS = {"morning": "%(amount)s in the morning", "noon": "%(amount)s at noon",
               "evening": "%(amount)s in the evening", "bedtime": "%(amount)s at bedtime"}
FOOD_WORDS = {"with": "with food", "after": "after food", "before": "before food",
               "empty_stomach": "on an empty stomach"}
REASON_WORDS = {"pain": "pain", "fever": "fever", "wheeze": "wheeze",
                 "breathlessness": "breathlessness", "cough": "cough", "nausea": "nausea",
                 "itch": "itch", "constipation": "constipation", "diarrhoea": "diarrhoea",
                 "heartburn": "heartburn", "sleep": "sleep", "anxiety": "anxiety",
                 "chest_pain": "chest pain"}
AMOUNT_WORDS = {"tablet": ("%(num)s tablet", "%(num)s tablets"),
                 "capsule": ("%(num)s capsule", "%(num)s capsules"),
                 "ml": ("%(num)s ml", "%(num)s ml"),
                 "sachet": ("%(num)s sachet", "%(num)s sachets"),
                 "puff": ("%(num)s puff", "%(num)s puffs"),
                 "drop": ("%(num)s drop", "%(num)s drops"),
                 "spray": ("%(num)s spray", "%(num)s sprays"),
                 "patch": ("%(num)s patch", "%(num)s patches"),
                 "application": ("%(num)s application", "%(num)s applications"),
                 "suppository": ("%(num)s suppository", "%(num)s suppositories")}


def messages() -> list[tuple[str, str, str | None]]:
    """Every (context, English, English plural) a directions catalog translates."""
    found = [("directions:sentence", "%(how)s: %(what)s.", None),
             ("directions:separator", ", ", None),
             ("directions:start", " Start on %(date)s.", None),
             ("directions:each", "%(amount)s each time", None),
             ("directions:as-needed", "when needed for %(reason)s", None),
             ("directions:apart", "at least %(num)s hour apart", "at least %(num)s hours apart"),
             ("directions:max", "no more than %(num)s dose in 24 hours",
              "no more than %(num)s doses in 24 hours"),
             ("directions:every", "every %(num)s hour", "every %(num)s hours"),
             ("directions:length", "for %(num)s day", "for %(num)s days"),
             ("directions:length", "for %(num)s week", "for %(num)s weeks"),
             ("directions:length", "until finished", None),
             ("directions:length", "long term", None)]
    for context in ("directions:times-a-day", "directions:times-a-week"):
        unit = context.rsplit("-", 1)[1]
        found += [(context, f"once a {unit}", None), (context, f"twice a {unit}", None),
                  (context, f"%(num)s times a {unit}", None)]
    found += [("directions:route", m, None) for m in ROUTE_WORDS.values()]
    found += [("directions:time", m, None) for m in TIME_WORDS.values()]
    found += [("directions:food", m, None) for m in FOOD_WORDS.values()]
    found += [("directions:reason", m, None) for m in REASON_WORDS.values()]
    found += [("directions:amount", *forms) for forms in AMOUNT_WORDS.values()]
    found += [("personal:label", m, None) for m in LABELS]
    found += [("personal:caution", m, None) for m in CAUTION_WORDS.values()]
    return found

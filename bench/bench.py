"""medleaf's benchmark: `make bench` (or .venv/bin/python bench/bench.py [--leaflets N]).

Builds a synthetic library shaped like the real one (each shipped monograph copied under
new names, with its Chinese catalog) in a temporary folder, then measures on this machine:
warm per-leaflet render time through medleaf against WeasyPrint alone on the same HTML, the
archive copy (`--archive`: PDF/A-3a) of the same leaflets, a cold CLI build, batch
throughput on 1 and 2 workers, `medleaf serve` under 20 concurrent clients
(bench/serve_bench.py), a pack of leaflets not built before
(rendered for it), a no-op rebuild, and a pack of leaflets already built (the usual flow:
`make leaflets`, then packs from them). Prints a table, then one JSON object on its last
line. Its caches live in the temporary folder, so every run starts cold.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from serve_bench import serve_figures

REPO = Path(__file__).resolve().parent.parent
MESSAGES = Path("locales/zh_Hant_HK/LC_MESSAGES")
MEDLEAF = [str(REPO / ".venv/bin/medleaf")] if (REPO / ".venv/bin/medleaf").exists() \
    else [sys.executable, "-m", "medleaf"]

TARGETS = {"overhead_ratio": ("<=", 1.10), "warm_ms_median": ("<=", 130),
           "cold_cli_s": ("<=", 1.0), "batch_speedup_2_workers": (">=", 1.8),
           "pack_leaflets_per_s": (">=", 30), "pack_bytes_per_leaflet": ("<=", 25_000),
           "noop_rebuild_s": ("<=", 1.0), "personalised_ratio": ("<=", 0.35),
           "serve_errors": ("<=", 0), "serve_cached_p95_ms": ("<=", 20),
           "serve_scaling_2_workers": (">=", 1.8),
           # a personalised leaflet's p95 under 20 clients, over the warm full render
           "serve_personalised_p95_ratio": ("<=", 4.0),
           "site_noop_ratio": ("<=", 1.5)}


def synthetic_library(root: Path, count: int) -> list[str]:
    """`count` leaflets cycling through the shipped ones, each with its zh-HK catalog."""
    shutil.copytree(REPO / "templates", root / "templates")
    offline = root / "brand-offline"  # the same brand without online_base_url: no QR code
    shutil.copytree(root / "templates/brand", offline)
    brand = (offline / "brand.yaml").read_text()
    (offline / "brand.yaml").write_text("".join(line for line in brand.splitlines(True)
                                                if not line.startswith("online_base_url:")))
    (root / "leaflets").mkdir()
    (root / MESSAGES).mkdir(parents=True)
    shutil.copy(REPO / "locales/zh_Hant_HK/glossary.yaml", root / "locales/zh_Hant_HK")
    shapes = sorted(p.stem for p in (REPO / "leaflets").glob("*.yaml"))
    names = []
    for index in range(count):
        shape = shapes[index % len(shapes)]
        name = f"{shape}-{index:03d}"
        shutil.copy(REPO / "leaflets" / f"{shape}.yaml", root / "leaflets" / f"{name}.yaml")
        po = (REPO / MESSAGES / f"{shape}.po").read_text()
        (root / MESSAGES / f"{name}.po").write_text(po.replace(f'"{shape}:', f'"{name}:'))
        names.append(name)
    return names


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def cli(root: Path, *args: str) -> float:
    seconds, done = timed(lambda: subprocess.run([*MEDLEAF, *args], cwd=root,
                                                 capture_output=True, text=True))
    if done.returncode != 0:
        sys.exit(f"bench: medleaf {' '.join(args)} failed:\n{done.stderr}")
    return seconds


def warm_renders(root: Path, names: list[str], rounds: int):
    """Per-leaflet times through medleaf (load, localize, HTML, PDF) and WeasyPrint alone."""
    import pikepdf
    from weasyprint import HTML

    from medleaf.content.languages import Language
    from medleaf.content.project import Project
    from medleaf.render.renderer import Renderer
    from medleaf.render.request import RenderRequest

    session = Renderer(Project.at(root))
    offline = Renderer(Project.at(root), root / "brand-offline")
    renderer, zh = session.typesetter, Language.parse("zh-HK")
    for each in (session, offline):
        each.warm_up()  # as a server or a batch worker does before its first leaflet
        for name in names:  # warm up: first renders load fonts and review catalogs
            each.render(RenderRequest(name, zh))
    ours, alone, sizes, pages, no_code, archive = [], [], [], [], [], []
    for _ in range(rounds):
        for name in names:
            seconds, pdf = timed(lambda n=name: session.render(RenderRequest(n, zh)))
            ours.append(seconds)
            no_code.append(timed(lambda n=name: offline.render(RenderRequest(n, zh)))[0])
            sizes.append(len(pdf))
            kept, copy = timed(lambda n=name: session.render(RenderRequest(n, zh, archive=True)))
            archive.append((kept, len(copy) / len(pdf)))
            with pikepdf.open(io.BytesIO(pdf)) as document:
                pages.append(len(document.pages))
            html = session.html(RenderRequest(name, zh))
            seconds, _ = timed(lambda h=html: HTML(
                string=h, base_url=str(root / "templates") + "/",
                url_fetcher=renderer.fetcher).write_pdf(
                    stylesheets=[renderer.base_css, renderer.paper_css["A4"]],
                    font_config=renderer.font_config))
            alone.append(seconds)
    return ours, alone, sizes, pages, archive, personalised_renders(session, names, rounds), \
        no_code


def personalised_renders(session, names: list[str], rounds: int) -> list[float]:
    """Per-leaflet times of a personalised leaflet (personal page + join) from a leaflet
    already in the render cache, on the same warm renderer."""
    import datetime as dt

    from medleaf.content.directions import Directions
    from medleaf.content.languages import Language
    from medleaf.publish.manifest import BuildOptions
    from medleaf.publish.personal import personalised
    from medleaf.render.personal import Dispensing, page_languages

    zh = Language.parse("zh-HK")

    def dispensing(name: str) -> Dispensing:  # once a day, one of the form its monograph lists
        section = session.load(name).monograph.dispensing
        form = section.forms[0]
        strength = next((s for s in section.strengths if (s.per_ml is None) == (form != "ml")),
                        None)
        fields = {"patient": "陳大文", "dose": 1, "form": form, "times_a_day": 1,
                  "route": section.route, "strength": strength, "days": 14}
        directions = Directions.model_validate({k: v for k, v in fields.items() if v})
        return Dispensing(directions, page_languages(zh, [zh]), dt.date(2026, 12, 1))

    given = {name: dispensing(name) for name in names}
    for name in names:  # the leaflets into the render cache
        personalised(session, name, zh, given[name], BuildOptions())
    times = []
    for _ in range(rounds):
        for name in names:
            seconds, _ = timed(lambda n=name: personalised(session, n, zh, given[n],
                                                           BuildOptions()))
            times.append(seconds)
    return times


def median_of(runs: int, function) -> float:
    return statistics.median(function() for _ in range(runs))


def p95(values):
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaflets", type=int, default=200, help="size of the no-op rebuild")
    parser.add_argument("--batch", type=int, default=16, help="leaflets in the batch runs")
    parser.add_argument("--pack", type=int, default=40, help="leaflets in the pack")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="medleaf-bench-") as folder:
        root = Path(folder)
        os.environ["XDG_CACHE_HOME"] = str(root / "cache")  # start cold, leave no trace
        names = synthetic_library(root, args.leaflets)
        rows = []

        ours, alone, sizes, pages, archive, personal, no_code = warm_renders(root, names[:9],
                                                                            rounds=3)
        figures = {"warm_ms_median": 1000 * statistics.median(ours),
                   "warm_ms_median_no_qr": 1000 * statistics.median(no_code),
                   "qr_ratio": statistics.median(ours) / statistics.median(no_code),
                   "personalised_ms_median": 1000 * statistics.median(personal),
                   "personalised_ratio": statistics.median(personal) / statistics.median(ours),
                   "warm_ms_p95": 1000 * p95(ours),
                   "warm_ms_per_page": 1000 * sum(ours) / sum(pages),
                   "overhead_ratio": statistics.median(ours) / statistics.median(alone),
                   "archive_ms_median": 1000 * statistics.median(s for s, _ in archive),
                   "archive_bytes_ratio": statistics.median(r for _, r in archive)}
        rows += [("warm render, zh-HK, median / p95 (ms)",
                  f"{figures['warm_ms_median']:.0f} / {figures['warm_ms_p95']:.0f}"),
                 ("warm render time per page, mean (ms)", f"{figures['warm_ms_per_page']:.0f}"),
                 ("the same without the QR code (no online_base_url), median (ms); ratio",
                  f"{figures['warm_ms_median_no_qr']:.0f}; {figures['qr_ratio']:.2f}"),
                 ("WeasyPrint alone on the same HTML, median (ms)",
                  f"{1000 * statistics.median(alone):.0f}"),
                 ("medleaf overhead (ratio)", f"{figures['overhead_ratio']:.2f}"),
                 ("personalised leaflet from a built one, median (ms)",
                  f"{figures['personalised_ms_median']:.0f}"),
                 ("personalised / full warm render (ratio)",
                  f"{figures['personalised_ratio']:.2f}"),
                 ("archive copy (--archive, PDF/A-3a), warm, median (ms)",
                  f"{figures['archive_ms_median']:.0f}"),
                 ("archive copy / tagged PDF, bytes (ratio, median)",
                  f"{figures['archive_bytes_ratio']:.3f}")]

        serve, serve_rows = serve_figures(root, p95)  # medleaf serve under load
        figures |= serve
        figures["serve_personalised_p95_ratio"] = \
            serve["serve_personalised_p95_ms"] / figures["warm_ms_median"]
        rows += serve_rows

        cold = [cli(root, "build", names[0], "--lang", "zh-HK", "--force", "--out",
                    str(root / "cold")) for _ in range(3)]
        figures["cold_cli_s"] = statistics.median(cold)
        rows.append(("cold CLI build of one zh-HK leaflet (s)", f"{figures['cold_cli_s']:.2f}"))

        batch = names[:args.batch]
        outputs = 2 * len(batch)
        one = cli(root, "build", *batch, "--jobs", "1", "--force", "--out", str(root / "b1"))
        two = cli(root, "build", *batch, "--jobs", "2", "--force", "--out", str(root / "b2"))
        figures["batch_leaflets_per_s_1_worker"] = outputs / one
        figures["batch_leaflets_per_s_2_workers"] = outputs / two
        figures["batch_speedup_2_workers"] = one / two
        rows += [(f"batch of {outputs} PDFs, 1 worker (PDFs/s)", f"{outputs / one:.1f}"),
                 (f"batch of {outputs} PDFs, 2 workers (PDFs/s)", f"{outputs / two:.1f}"),
                 ("speed-up with 2 workers", f"{one / two:.2f}")]

        def pack(leaflets: list[str]) -> float:
            """Seconds for `medleaf pack` of these zh-HK leaflets."""
            path = root / "packs" / "bench.yaml"
            path.parent.mkdir(exist_ok=True)
            path.write_text("title: Benchmark pack\nlanguages: [zh-HK]\nleaflets:\n"
                            + "".join(f"  - {n}\n" for n in leaflets))
            return cli(root, "pack", str(path), "--out", str(root / "pack.pdf"))

        (root / MESSAGES / "packs.po").write_text(
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
            'msgctxt "pack:bench:title"\nmsgid "Benchmark pack"\nmsgstr "基準測試套裝"\n')
        unbuilt = names[-args.pack:]  # not built by the runs above
        seconds = pack(unbuilt)
        figures["pack_cold_leaflets_per_s"] = args.pack / seconds
        rows.append((f"pack of {args.pack} zh-HK leaflets not built before (leaflets/s)",
                     f"{figures['pack_cold_leaflets_per_s']:.1f}"))

        cli(root, "build", "--out", str(root / "all"))
        noop = [cli(root, "build", "--out", str(root / "all")) for _ in range(3)]
        figures["noop_rebuild_s"] = statistics.median(noop)
        rows.append((f"no-op rebuild of {args.leaflets} leaflets ({2 * args.leaflets} PDFs) (s)",
                     f"{figures['noop_rebuild_s']:.2f}"))

        first = cli(root, "site", "--out", str(root / "site"))  # its PDFs: the render cache's
        figures["site_pages_per_s"] = 2 * args.leaflets / first
        noop = [cli(root, "site", "--out", str(root / "site")) for _ in range(3)]
        figures["site_noop_rebuild_s"] = statistics.median(noop)
        figures["site_noop_ratio"] = figures["site_noop_rebuild_s"] / figures["noop_rebuild_s"]
        rows += [(f"site of {args.leaflets} leaflets, PDFs already built (pages/s)",
                  f"{figures['site_pages_per_s']:.1f}"),
                 ("no-op site rebuild / no-op build (ratio)",
                  f"{figures['site_noop_ratio']:.2f}")]

        seconds = median_of(3, lambda: pack(names[:args.pack]))
        figures["pack_leaflets_per_s"] = args.pack / seconds
        figures["pack_bytes_per_leaflet"] = (root / "pack.pdf").stat().st_size / args.pack
        figures["single_pdf_bytes_median"] = statistics.median(sizes)
        rows += [(f"pack of {args.pack} zh-HK leaflets already built (leaflets/s)",
                  f"{figures['pack_leaflets_per_s']:.1f}"),
                 ("bytes per leaflet: in the pack / as separate PDFs (median)",
                  f"{figures['pack_bytes_per_leaflet']:,.0f} / "
                  f"{figures['single_pdf_bytes_median']:,.0f}")]

    width = max(len(label) for label, _ in rows)
    print(f"medleaf benchmark on {root.name}: {args.leaflets} synthetic leaflets")
    for label, value in rows:
        print(f"  {label.ljust(width)}  {value}")
    for key, (sense, target) in TARGETS.items():
        met = figures[key] <= target if sense == "<=" else figures[key] >= target
        print(f"  target {key} {sense} {target}: {'met' if met else 'NOT MET'} "
              f"({figures[key]:.2f})")
    keys = ["overhead_ratio", "warm_ms_median", "warm_ms_median_no_qr", "qr_ratio",
            "personalised_ms_median", "personalised_ratio",
            "warm_ms_p95", "warm_ms_per_page", "cold_cli_s",
            "batch_speedup_2_workers", "pack_leaflets_per_s", "pack_cold_leaflets_per_s",
            "pack_bytes_per_leaflet", "single_pdf_bytes_median", "noop_rebuild_s",
            "serve_cached_p95_ms", "serve_personalised_p95_ms", "serve_personalised_p95_ratio",
            "serve_errors", "serve_personalised_per_s", "serve_scaling_2_workers",
            "site_pages_per_s", "site_noop_rebuild_s", "site_noop_ratio",
            "archive_ms_median", "archive_bytes_ratio"]
    print(json.dumps({key: round(figures[key], 3) for key in keys}))


if __name__ == "__main__":
    main()

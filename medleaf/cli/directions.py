"""The patient's directions: options declared once (build and the counter take the same),
and `medleaf directions`, which prints them as each language's sentence."""

from __future__ import annotations

import functools
from pathlib import Path

import click

from medleaf.cli import options
from medleaf.cli.main import cli
from medleaf.content.directions import FORMS, REASONS, ROUTES, TIMES

_FOOD_FLAGS = {"with": "--with-food", "after": "--after-food", "before": "--before-food",
               "empty_stomach": "--empty-stomach"}
_AS_NEEDED = {"reason": "--as-needed", "min_hours": "--min-hours",
              "max_per_day": "--max-per-day"}
_AS_NEEDED_FIELDS = {"as_needed": "reason", "min_hours": "min_hours",
                     "max_per_day": "max_per_day"}  # option -> field


def directions_options(command):
    """The directions' options, each named as the field it fills (--times-a-day:
    times_a_day), or --directions FILE with the same fields."""
    given = [
        click.option("--directions", "directions_file", type=click.Path(dir_okay=False),
                     help="The directions as a JSON or YAML file (fields as the options "
                          "below; see medleaf/data/directions.schema.json)."),
        click.option("--patient", help="The patient's name (printed as text)."),
        click.option("--dose", help="How much each time: 1, 2.5, ½, 1½, 1/4."),
        click.option("--form", type=click.Choice(list(FORMS)), help="What the dose counts."),
        click.option("--route", type=click.Choice(ROUTES),
                     help="How it is taken (default: the form's; drops must say)."),
        click.option("--times-a-day", type=int, help="How often: N times a day."),
        click.option("--every-hours", type=int, help="How often: every N hours."),
        click.option("--times-a-week", type=int, help="How often: N times a week."),
        *(click.option(f"--{t}", help=f"A schedule: the amount {when}.")
          for t, when in zip(TIMES, ("in the morning", "at noon", "in the evening",
                                     "at bedtime"), strict=True)),
        click.option("--as-needed", type=click.Choice(REASONS),
                     help="Taken when needed, for this reason (with --min-hours and "
                          "--max-per-day)."),
        click.option("--min-hours", type=int, help="As needed: at least N hours apart."),
        click.option("--max-per-day", type=int, help="As needed: at most N doses in 24 h."),
        *(click.option(flag, f"food_{value}", is_flag=True, default=None,
                       help=f"Taken {when}.")
          for (value, flag), when in zip(_FOOD_FLAGS.items(), ("with food", "after food",
                                                               "before food",
                                                               "on an empty stomach"),
                                         strict=True)),
        click.option("--days", type=int, help="For N days."),
        click.option("--weeks", type=int, help="For N weeks."),
        click.option("--until-finished", is_flag=True, default=None, help="Until finished."),
        click.option("--long-term", is_flag=True, default=None, help="Long term."),
        click.option("--start", help="The first day, YYYY-MM-DD."),
        click.option("--strength", help="The drug in one tablet, capsule... ('10 mg') or in ml "
                                        "('120 mg/5 ml'), when it comes in several."),
        click.option("--age-group", type=click.Choice(["adults", "children", "elderly"]),
                     help="Whose maximum applies [adults]."),
        click.option("--confirm-above-maximum", "above_maximum_confirmed", is_flag=True,
                     default=None, help="The pharmacist confirms a dose above the maximum "
                                        "(the personal page says so)."),
    ]
    return functools.reduce(lambda c, option: option(c), reversed(given), command)


def directions_given(obj, values: dict):
    """The directions the options (or --directions FILE) give; None when none are given."""
    from medleaf.content.directions import directions_from, load_directions

    path = values.pop("directions_file")
    fields = {k: v for k, v in values.items() if v is not None}
    food = [value for value in _FOOD_FLAGS if fields.pop(f"food_{value}", None)]
    if len(food) > 1:
        raise click.UsageError(f"give one of {', '.join(_FOOD_FLAGS.values())}")
    if food:
        fields["food"] = food[0]
    schedule = {t: fields.pop(t) for t in TIMES if t in fields}
    as_needed = {field: fields.pop(dest) for dest, field in _AS_NEEDED_FIELDS.items()
                 if dest in fields}
    if schedule:
        fields["schedule"] = schedule
    if as_needed:
        fields["as_needed"] = as_needed
    if path is not None:
        if fields:
            raise click.UsageError("give the directions as --directions FILE or as options, "
                                   "not both")
        return load_directions(Path(path), obj.project.display(Path(path).resolve())
                               if Path(path).resolve().is_relative_to(obj.project.root)
                               else path)
    return directions_from(fields, _option_name) if fields else None


def _option_name(path: tuple) -> str:
    if not path:
        return ""
    if path[0] == "as_needed":
        return _AS_NEEDED.get(path[-1], "--as-needed")
    if path[0] == "food":
        return "/".join(_FOOD_FLAGS.values())
    if path[0] == "above_maximum_confirmed":
        return "--confirm-above-maximum"
    name = path[-1] if path[0] == "schedule" and len(path) > 1 else path[0]
    return f"--{str(name).replace('_', '-')}"


@cli.command("directions")
@options.langs("The languages to write them in; may be repeated.", default=["en", "zh-HK"],
               show_default=True)
@directions_options
@click.pass_obj
def directions_(obj, langs, **values):
    """Print a patient's directions as each language writes them on the label.

    \b
    medleaf directions --dose 1 --form tablet --times-a-day 3 --after-food --days 14
    medleaf directions --directions rx.json --lang zh-HK
    """
    from medleaf.content.languages import SOURCE, Language, translations
    from medleaf.i18n.directions import sentence
    from medleaf.i18n.profiles import profile
    from medleaf.publish.build import parse_languages

    directions = directions_given(obj, values)
    if directions is None:
        raise click.UsageError("give the directions: --dose, --form and how often "
                               "(e.g. --times-a-day 3), or --directions FILE")
    chosen = parse_languages(list(langs)) or []
    every = [Language.parse(SOURCE), *translations(obj.project.locales_dir, None)]
    for language in chosen or every:
        text = sentence(directions, language, profile(language, obj.project.locales_dir),
                        obj.project.locales_dir)
        click.echo(f"{language.tag}: {text}")


@cli.command()
@click.argument("name")
@options.lang("zh-HK")
@options.paper
@options.brand
@options.large_print
@options.allow_incomplete
@options.release("Refuse a draft leaflet.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="The PDF to write [out/NAME.LANG.personal.pdf].")
@click.option("--pharmacist", help="The dispensing pharmacist's name.")
@click.option("--date", "day", help="The dispensing date, YYYY-MM-DD [today].")
@directions_options
@click.pass_obj
def dispense(obj, name, lang, paper, brand_dir, large_print, allow_incomplete, release, out,
             pharmacist, day, **values):
    """Write one patient's leaflet: a personal page with their directions in English and
    Chinese, then the leaflet NAME in --lang.

    \b
    medleaf dispense baclofen --patient "Chan Tai Man" --dose 1 --form tablet \\
        --times-a-day 3 --after-food --days 14
    """
    import datetime as dt

    from medleaf.content.languages import Language, available_languages
    from medleaf.content.paper import paper_named
    from medleaf.publish.manifest import BuildOptions
    from medleaf.publish.personal import dispense as run_dispense
    from medleaf.render.personal import Dispensing, page_languages

    directions = directions_given(obj, values)
    if directions is None:
        raise click.UsageError("give the directions: --dose, --form and how often "
                               "(e.g. --times-a-day 3), or --directions FILE")
    try:
        when = dt.date.fromisoformat(day) if day else dt.date.today()
    except ValueError:
        raise click.BadParameter(f"must be a date written YYYY-MM-DD, not {day!r}",
                                 param_hint="--date") from None
    language, *also = Language.parse_all(lang)  # en+zh-HK: a bilingual leaflet
    project = obj.project
    languages = (language, *also) if also else page_languages(
        language, available_languages(project.locales_dir))
    dispensing = Dispensing(directions, languages, when, pharmacist, large_print,
                            allow_incomplete)
    tag = "+".join(lang.tag for lang in (language, *also))
    out = out or project.root / "out" / f"{name}.{tag}.personal.pdf"
    options = BuildOptions(paper_named(paper), brand_dir, allow_incomplete, release,
                           large_print)
    done = run_dispense(project, name, language, dispensing, out, options,
                        also[0] if also else None)
    click.echo(f"wrote {done.out} ({done.pages} pages, {done.seconds:.2f} s"
               f"{', the leaflet from the render cache' if done.leaflet_cached else ''})")

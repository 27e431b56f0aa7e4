"""A patient's directions against the medicine: the form it is counted in, the route, the
strength, and the maximum for the patient's age group (the monograph's `dispensing`).

A dose above a maximum is refused unless the pharmacist confirms it
(`above_maximum_confirmed`); the personal page then says so (the notes returned).
"""

from __future__ import annotations

from fractions import Fraction

from medleaf.content.directions import Directions
from medleaf.content.dosing import DrugAmount
from medleaf.content.monograph import Leaflet
from medleaf.errors import Problem


def dose_problems(leaflet: Leaflet, directions: Directions) -> tuple[list[Problem], list[str]]:
    """What stops these directions for this medicine (each naming its field and what is
    allowed), and the notes the personal page prints (a confirmed dose above a maximum)."""
    name = str(leaflet.monograph.names.generic)
    dispensing = leaflet.monograph.dispensing
    if dispensing is None:
        return [Problem(leaflet.source.shown_as, None, "dispensing", f"{name} states no "
                        "dispensing (forms, strengths, maximums): its directions cannot be "
                        "checked, so it cannot be dispensed with them", "doses")], []
    problems = []

    def refuse(field: str, message: str) -> None:
        problems.append(Problem("", None, field, message, "doses"))

    if directions.form not in dispensing.forms:
        refuse("form", f"{name} is dispensed as {' or '.join(dispensing.forms)}, not "
               f"{directions.form}")
    if dispensing.route and directions.taken_by != dispensing.route:
        refuse("route", f"{name} is used by route {dispensing.route}, not "
               f"{directions.taken_by}")
    strength = _strength(dispensing.strengths, directions, refuse)
    maximum = dispensing.maximum.get(directions.age_group)
    if problems or maximum is None:
        return problems, []
    above = []
    doses = directions.doses_per_day
    if maximum.doses_per_day and doses and doses > maximum.doses_per_day:
        above.append(f"{doses} doses in 24 hours (the maximum is {maximum.doses_per_day})")
    if strength is not None:
        unit = strength.mg / (strength.per_ml or 1)  # mg in one of the form
        per_dose = max(directions.amounts) * unit
        if maximum.per_dose and per_dose > maximum.per_dose.mg:
            above.append(f"{_mg(per_dose)} in one dose (the maximum is {maximum.per_dose})")
        per_day = directions.per_day
        if maximum.per_day and per_day is not None and per_day * unit > maximum.per_day.mg:
            above.append(f"{_mg(per_day * unit)} in 24 hours (the maximum is "
                         f"{maximum.per_day})")
    elif maximum.per_day or maximum.per_dose:
        refuse("strength", f"give strength, the drug in one {directions.form}, to check "
               f"the dose against {name}'s maximum")
    group = {"adults": "an adult", "children": "a child", "elderly": "an older person"}[
        directions.age_group]
    if above and not directions.above_maximum_confirmed:
        refuse("dose", f"above {name}'s maximum for {group}: {'; '.join(above)}; if it is "
               "meant, the pharmacist confirms it (above_maximum_confirmed, "
               "--confirm-above-maximum)")
    notes = [f"Above the usual maximum for {group} ({'; '.join(above)}): confirmed by the "
             "pharmacist."] if above and directions.above_maximum_confirmed else []
    return problems, notes


def _strength(strengths: list[DrugAmount], directions: Directions, refuse
              ) -> DrugAmount | None:
    liquid = directions.form == "ml"
    if directions.strength is not None:
        if strengths and not any(s.mg / (s.per_ml or 1) == directions.strength.mg /
                                 (directions.strength.per_ml or 1) for s in strengths):
            refuse("strength", f"{directions.strength} is not a strength it comes in (one "
                   f"of {', '.join(strengths)})")
        elif liquid != (directions.strength.per_ml is not None):
            refuse("strength", "a liquid's strength is written per ml ('120 mg/5 ml'), a "
                   "tablet's or capsule's as an amount ('10 mg')")
        return directions.strength
    fitting = [s for s in strengths if (s.per_ml is not None) == liquid]
    return fitting[0] if len(fitting) == 1 else None


def _mg(value: Fraction) -> str:
    if value >= 1000:
        return f"{float(value / 1000):g} g"
    return f"{float(value):g} mg" if value >= 1 else f"{float(value * 1000):g} micrograms"

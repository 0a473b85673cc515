"""Places resolved offline, events given their place, date and counts, and the places/times scorers."""

from __future__ import annotations

import json
import subprocess
import sys

import chronicle
from chronicle.knowledge import gazetteer


def _places(text: str, date: str = "2018-03-01"):
    return {p.text: p for p in chronicle.process(text, date=date).places}


def test_container_decides_between_namesakes():
    places = _places("Police in Bangor, Maine, arrested two men.")
    assert places["Bangor"].country == "USA" and places["Bangor"].admin1 == "ME"
    assert places["Maine"].kind == "region"


def test_article_countries_and_capitals_disambiguate():
    syria = _places("Syrian troops advanced on Palmyra after heavy fighting across Syria.")
    assert syria["Palmyra"].country == "SYR"
    usa = _places("Officials in Washington met the delegation on Monday.")
    assert usa["Washington"].country == "USA" and abs(usa["Washington"].lon + 77.0) < 0.5


def test_metonymy_demonyms_and_unknown_names():
    doc = chronicle.process("Moscow said Russian jets struck Zzyzzqville overnight.", date="2015-11-20")
    by_text = {p.text: p for p in doc.places}
    assert not by_text["Moscow"].literal  # the government speaking, not where anything happened
    assert "Russian" not in by_text  # a nationality
    if "Zzyzzqville" in by_text:  # an unknown name keeps its span, without coordinates
        assert by_text["Zzyzzqville"].lat is None
    for p in doc.places:
        assert doc.text[p.start:p.end] == p.text


def test_event_gets_place_date_and_casualties():
    doc = chronicle.process("Russian warplanes killed 6 civilians and injured 25 in strikes near Raqqa on Wednesday.",
                            date="2015-11-20")
    event = next(e for e in doc.events if e.trigger.text == "killed")
    assert event.location.text == "Raqqa" and not event.location_inferred and event.location_precision == "city"
    assert event.date_value == "2015-11-18" and not event.date_inferred and event.date_precision == "day"
    assert {(c.kind, c.value) for c in event.casualties} == {("killed", 6.0), ("injured", 25.0)}


def test_without_own_place_or_time_the_event_is_inferred():
    doc = chronicle.process("Fighting raged in Aleppo.\n\nRebels attacked government troops.", date="2015-11-20")
    event = next(e for e in doc.events if e.trigger.text == "attacked")
    assert event.location.text == "Aleppo" and event.location_inferred
    assert event.date_value == "2015-11-20" and event.date_inferred and event.date is None


def test_gazetteer_index_is_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("CHRONICLE_CACHE", str(tmp_path))
    built = gazetteer.load_gazetteer.__wrapped__(15000)
    cached = list(tmp_path.glob("gazetteer-*-15000-*.pickle"))
    assert len(cached) == 1
    again = gazetteer.load_gazetteer.__wrapped__(15000)
    assert len(again) == len(built) and again.lookup("Toronto")[0].country == "CAN"


def _slice(shared, tmp_path, rel: str, n: int):
    gold = tmp_path / rel.replace("/", "_")
    lines = (shared / "gold" / rel).read_text(encoding="utf-8").splitlines()[:n]
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return gold


def _reference(shared, task, gold, preds):
    out = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), task, str(gold), str(preds), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_place_scores_agree_with_reference_scorer(cli, shared, tmp_path):
    gold = _slice(shared, tmp_path, "places/geowebnews.jsonl", 25)
    preds = tmp_path / "places.pred.jsonl"
    ours = json.loads(cli("eval", "places", "--gold", str(gold), "--json", "--predictions", str(preds)).stdout)
    theirs = _reference(shared, "places", gold, preds)
    for kind in ("exact", "overlap"):
        assert [ours["detection"][kind][k] for k in ("tp", "fp", "fn")] == \
               [theirs["detection"][kind][k] for k in ("tp", "fp", "fn")]
    assert ours["geocoding"]["acc161"] == theirs["geocoding"]["acc161"]
    assert ours["detection"]["overlap"]["tp"] > 0
    again = json.loads(cli("eval", "places", "--gold", str(gold), "--pred", str(preds), "--json").stdout)
    assert again["detection"] == ours["detection"]


def test_time_scores_agree_with_reference_scorer(cli, shared, tmp_path):
    gold = _slice(shared, tmp_path, "times/timebank.jsonl", 20)
    preds = tmp_path / "times.pred.jsonl"
    ours = json.loads(cli("eval", "times", "--gold", str(gold), "--json", "--predictions", str(preds)).stdout)
    theirs = _reference(shared, "times", gold, preds)
    for kind in ("exact", "overlap"):
        assert [ours["detection"][kind][k] for k in ("tp", "fp", "fn")] == \
               [theirs["detection"][kind][k] for k in ("tp", "fp", "fn")]
    assert ours["value_accuracy"] == theirs["value_accuracy"]
    assert ours["value_prf"]["tp"] == theirs["value_prf"]["tp"]


def test_time_scores_pool_several_gold_files(cli, shared, tmp_path):
    """`--gold A --gold B` gives each file's figures, then both pooled: every count is the two files' sum,
    even where the files reuse a document id."""
    first = _slice(shared, tmp_path, "times/timebank.jsonl", 6)
    second = tmp_path / "second.jsonl"
    second.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")  # the same ids again
    report = json.loads(cli("eval", "times", "--gold", str(first), "--gold", str(second), "--json").stdout)
    one, two = report["files"]
    pooled = report["pooled"]
    assert pooled["gold_times"] == one["gold_times"] + two["gold_times"] > 0
    for kind in ("exact", "overlap"):
        assert [pooled["detection"][kind][k] for k in ("tp", "fp", "fn")] == \
               [one["detection"][kind][k] + two["detection"][kind][k] for k in ("tp", "fp", "fn")]
    for gold_type, row in pooled["per_gold_type"].items():
        assert row["matched"] == one["per_gold_type"][gold_type]["matched"] * 2


def test_business_and_wire_calendar_expressions():
    import datetime as dt

    from chronicle.extract.times import normalise

    anchor = dt.date(1989, 10, 26)
    cases = {"the third quarter": "1989-Q3", "fourth-quarter": "1989-Q4", "the latest quarter": "1989-Q3",
             "the third quarter of 1984": "1984-Q3", "this fall": "1989-FA", "the late 1970s": "197",
             "the nineties": "199", "last May": "1989-05", "June last year": "1988-06", "Nov. 17": "1989-11-17",
             "recent years": "PAST_REF", "the current year": "1989"}
    for text, value in cases.items():
        assert normalise(text, anchor)[1] == value, text


def _resolve(text: str, **countries: int):
    from collections import Counter

    from chronicle.extract.places import Article, resolver
    from chronicle.knowledge import load_knowledge

    return resolver(load_knowledge()).resolve(text, Article(Counter(countries), set()))


def test_dateline_state_abbreviation_is_the_container():
    places = _places("SPRINGFIELD, Ill. (AP) - Officials say the water system is safe.")
    springfield = next(p for t, p in places.items() if t.lower() == "springfield")
    assert springfield.country == "USA" and springfield.admin1 == "IL"
    assert places["Ill."].kind == "region"


def test_place_inside_a_longer_name():
    assert _resolve("north west London").country == "GBR"
    assert _resolve("Russia as the special envoy").country == "RUS"
    assert _resolve("Hampton Avenue") is None  # a street named after a place is not in it
    assert _resolve("Qqzzx Wwyyv") is None


def test_first_level_regions_sit_among_their_towns():
    rajasthan = _resolve("Rajasthan")
    assert rajasthan.kind == "region" and rajasthan.country == "IND" and 24 < rajasthan.lat < 30 and 70 < rajasthan.lon < 78
    limpopo = _resolve("Limpopo")
    assert limpopo.country == "ZAF" and -25.5 < limpopo.lat < -22 and 27 < limpopo.lon < 32


def test_a_country_yields_to_its_namesake_only_where_the_article_is_about_the_namesake():
    assert _resolve("Georgia").country == "GEO"
    assert _resolve("Georgia", USA=3).country == "USA"
    assert _resolve("Georgia", USA=3, GEO=4).country == "GEO"


def test_continent_words_are_not_nationalities(tmp_path):
    from chronicle.evaluate.places import toponyms

    doc = chronicle.process("Mexico wants to renegotiate the North American Free Trade Agreement.", date="2018-03-01")
    words = {doc.text[t["start"]:t["end"]]: t for t in toponyms(doc)}
    assert "American" not in words
    assert "North American" in words and abs(words["North American"]["lat"] - 46.07) < 1


def test_a_state_name_in_a_story_about_the_state_is_the_state():
    places = _places("SEATTLE, Wash. - The team's primary focus has been at home in Washington, officials said.")
    assert places["Washington"].kind == "region" and places["Washington"].country == "USA"
    assert places["Washington"].lon < -115  # the state, not the capital on the east coast
    capital = _places("NEW YORK (AP) - Officials in Washington met the delegation from New York on Monday.")
    assert abs(capital["Washington"].lon + 77.0) < 0.5  # no place of Washington state named: the capital


def test_an_organisation_named_after_a_large_city_names_the_city():
    doc = chronicle.process("The Fresno Unified School District closed schools after the Tacoma Police Department "
                            "warned of storms.", date="2018-03-01")
    by_text = {p.text: p for p in doc.places}
    assert by_text["Fresno"].admin1 == "CA" and by_text["Tacoma"].admin1 == "WA"
    assert not by_text["Fresno"].literal  # part of a name, not where something happened


def test_a_nationality_before_the_kind_of_place_is_its_container():
    assert _resolve("the southern English city of Salisbury").country == "GBR"  # not Harare's old name
    assert _resolve("the Iraqi port city of Basra").country == "IRQ"


def test_streets_and_buildings_lie_in_their_town():
    places = _places("Firefighters were called to a house on Birchwood Avenue in Kalamazoo, Michigan.")
    kalamazoo, street = places["Kalamazoo"], places["Birchwood Avenue"]
    assert kalamazoo.country == "USA" and abs(kalamazoo.lat - 42.29) < 0.3
    # the town written after it; the street is placed there but is not that town
    assert (street.lat, street.lon) == (kalamazoo.lat, kalamazoo.lon) and street.geonameid is None
    places = _places("Protesters marched through Tulsa on Saturday. In Tulsa, organisers said, the crowd gathered on "
                     "Greenwood Avenue before noon.")
    assert places["Greenwood Avenue"].lat == places["Tulsa"].lat  # no town after it: the story's town


def test_counties_and_english_shires():
    county = _places("Deputies in Cuyahoga County arrested the driver on Tuesday.")["Cuyahoga County"]
    assert county.country == "USA" and 38 < county.lat < 42.5 and -85 < county.lon < -80  # Ohio, the only state
    shire = _places("The touring cars race in Kent, then move to Cheshire in June.")
    assert shire["Kent"].country == "GBR" and shire["Cheshire"].country == "GBR"
    race = _places("The race moves to Snetterton, Norfolk, next month.")
    assert race["Norfolk"].country == "GBR"  # the English county, not the Virginia city
    assert race["Snetterton"].country == "GBR"  # unknown to the gazetteer: placed in the county written after it

"""X counting and extraction against the official twitter-text conformance data.

The data is read at test time (as its README asks), from ../shared/conformance when the
checkout sits beside it, else from the copy in tests/data (Apache-2.0, see LICENSE there).
"""

from __future__ import annotations

import functools
import json
import pathlib
from typing import Any

import pytest
import yaml

from composer.core.text import twitter_text as tt

_HERE = pathlib.Path(__file__).resolve()
_CANDIDATES = [
    _HERE.parents[3] / "shared" / "conformance" / "twitter-text",
    _HERE.parents[1] / "data" / "twitter-text",
]
DATA = next(p for p in _CANDIDATES if (p / "validate.yml").exists())


# libyaml's loader where the wheel has it: the pure-Python one took ~1 s of every test
# worker's collection for these two files, which were also read once per section.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def _tests(file: str) -> dict[str, list[Any]]:
    data: dict[str, list[Any]] = yaml.load((DATA / file).read_text(encoding="utf-8"), Loader=_LOADER)["tests"]
    return data


def _cases(file: str, section: str) -> list[Any]:
    return [pytest.param(c, id=c["description"][:80]) for c in _tests(file)[section]]


def test_config_matches_v3() -> None:
    config = json.loads((DATA / "v3.json").read_text())
    assert config["maxWeightedTweetLength"] == tt.MAX_WEIGHTED_LENGTH
    assert config["scale"] == tt.SCALE
    assert config["defaultWeight"] == tt.DEFAULT_WEIGHT
    assert config["transformedURLLength"] == tt.TRANSFORMED_URL_LENGTH
    ranges = tuple((r["start"], r["end"], r["weight"]) for r in config["ranges"])
    assert ranges == tt.WEIGHT_RANGES


def _check_parse(case: dict[str, Any], *, emoji_parsing: bool) -> None:
    result = tt.parse_tweet(case["text"], emoji_parsing=emoji_parsing)
    expected = case["expected"]
    assert result.weighted_length == expected["weightedLength"]
    if "valid" in expected:
        assert result.valid == expected["valid"]
        assert result.permillage == expected["permillage"]
    assert result.display_range_end == expected["displayRangeEnd"]
    assert result.valid_range_end == expected["validRangeEnd"]


@pytest.mark.parametrize("case", _cases("validate.yml", "WeightedTweetsCounterTest"))
def test_weighted_counter_v2(case: dict[str, Any]) -> None:
    _check_parse(case, emoji_parsing=False)


@pytest.mark.parametrize("case", _cases("validate.yml", "WeightedTweetsWithDiscountedEmojiCounterTest"))
def test_weighted_counter_with_emoji(case: dict[str, Any]) -> None:
    _check_parse(case, emoji_parsing=True)


@pytest.mark.parametrize("case", _cases("validate.yml", "UnicodeDirectionalMarkerCounterTest"))
def test_directional_markers(case: dict[str, Any]) -> None:
    _check_parse(case, emoji_parsing=True)


@pytest.mark.parametrize("case", _cases("extract.yml", "urls"))
def test_extract_urls(case: dict[str, Any]) -> None:
    assert [e.value for e in tt.extract_urls(case["text"])] == case["expected"]


@pytest.mark.parametrize(
    "case",
    _cases("extract.yml", "urls_with_indices") + _cases("extract.yml", "urls_with_directional_markers"),
)
def test_extract_urls_with_indices(case: dict[str, Any]) -> None:
    got = [{"url": e.value, "indices": [e.start, e.end]} for e in tt.extract_urls(case["text"])]
    assert got == case["expected"]


@pytest.mark.parametrize("case", _cases("extract.yml", "tco_urls_with_params"))
def test_extract_tco_urls_with_params(case: dict[str, Any]) -> None:
    assert [e.value for e in tt.extract_urls(case["text"])] == case["expected"]


@pytest.mark.parametrize(
    "case", _cases("extract.yml", "hashtags") + _cases("extract.yml", "hashtags_from_astral")
)
def test_extract_hashtags(case: dict[str, Any]) -> None:
    assert [e.value for e in tt.extract_hashtags(case["text"])] == case["expected"]


@pytest.mark.parametrize("case", _cases("extract.yml", "hashtags_with_indices"))
def test_extract_hashtags_with_indices(case: dict[str, Any]) -> None:
    got = [{"hashtag": e.value, "indices": [e.start, e.end]} for e in tt.extract_hashtags(case["text"])]
    assert got == case["expected"]


@pytest.mark.parametrize("case", _cases("extract.yml", "mentions"))
def test_extract_mentions(case: dict[str, Any]) -> None:
    names = [e.value for e in tt.extract_mentions_or_lists(case["text"]) if e.kind == "mention"]
    assert names == case["expected"]


@pytest.mark.parametrize("case", _cases("extract.yml", "mentions_with_indices"))
def test_extract_mentions_with_indices(case: dict[str, Any]) -> None:
    got = [
        {"screen_name": e.value, "indices": [e.start, e.end]}
        for e in tt.extract_mentions_or_lists(case["text"])
        if e.kind == "mention"
    ]
    assert got == case["expected"]


@pytest.mark.parametrize("case", _cases("extract.yml", "mentions_or_lists_with_indices"))
def test_extract_mentions_or_lists_with_indices(case: dict[str, Any]) -> None:
    got = []
    for e in tt.extract_mentions_or_lists(case["text"]):
        name, _, slug = e.value.partition("/")
        got.append(
            {"screen_name": name, "list_slug": "/" + slug if slug else "", "indices": [e.start, e.end]}
        )
    assert got == case["expected"]


@pytest.mark.parametrize("case", _cases("extract.yml", "cashtags"))
def test_extract_cashtags(case: dict[str, Any]) -> None:
    assert [e.value for e in tt.extract_cashtags(case["text"])] == case["expected"]


@pytest.mark.parametrize("case", _cases("extract.yml", "cashtags_with_indices"))
def test_extract_cashtags_with_indices(case: dict[str, Any]) -> None:
    got = [{"cashtag": e.value, "indices": [e.start, e.end]} for e in tt.extract_cashtags(case["text"])]
    assert got == case["expected"]

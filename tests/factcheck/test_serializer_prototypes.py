"""StrictInputSerializer's fields: shallow copies of per-class prototypes, each bound to
its own serializer, validating exactly as DRF's deep copies did."""

from rest_framework import serializers

from annotations.serializers import ClaimCreateSerializer
from articles.serializers import ArticleCreateSerializer
from factcheck.serializers import StrictInputSerializer


class _WithChild(StrictInputSerializer):
    tags = serializers.ListField(child=serializers.CharField(max_length=3))


def test_each_serializer_binds_its_own_fields():
    first, second = ClaimCreateSerializer(data={}), ClaimCreateSerializer(data={})

    for name in ("article", "start", "quote", "offset_unit"):
        assert first.fields[name] is not second.fields[name]
        assert first.fields[name].parent is first
        assert second.fields[name].parent is second
        assert first.fields[name].field_name == name


def test_the_fields_read_their_own_serializers_context():
    serializer = ClaimCreateSerializer(data={}, context={"marker": 1})

    assert serializer.fields["start"].context == {"marker": 1}


def test_validation_is_unchanged_by_earlier_serializers():
    ok = ClaimCreateSerializer(data={"article": 1, "start": 2, "end": 3})
    assert ok.is_valid(), ok.errors

    bad = ClaimCreateSerializer(data={"article": 0, "start": "2", "offset_unit": "bytes"})
    assert not bad.is_valid()
    assert set(bad.errors) == {"article", "start", "offset_unit"}
    assert ClaimCreateSerializer(data={"article": 1, "start": 2, "end": 3}).is_valid()


def test_a_subclass_has_its_own_fields():
    article = ArticleCreateSerializer(data={"title": "T", "text": "Some text."})

    assert article.is_valid(), article.errors
    assert article.fields["title"].required is False  # the create form's, not the update's


def test_fields_holding_a_child_are_deep_copied():
    first, second = _WithChild(data={"tags": ["abcd"]}), _WithChild(data={"tags": ["ab"]})

    assert first.fields["tags"].child is not second.fields["tags"].child
    assert first.fields["tags"].child.parent is first.fields["tags"]
    assert not first.is_valid()
    assert second.is_valid(), second.errors

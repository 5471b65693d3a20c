"""Every property a node can carry has a name in both languages (graphmodel.labels.PROPERTIES)."""

from __future__ import annotations

from graphmodel import model
from graphmodel.labels import PROPERTIES

# Shown elsewhere than in the property list: the node's id, its label (as its type), its evidence (as 出处).
_NOT_LISTED = {"id", "label", "evidence"}


def test_every_entity_property_has_a_label():
    entities = [c for c in vars(model).values() if isinstance(c, type) and issubclass(c, model.Entity)]
    assert len(entities) >= 7
    missing = sorted({f"{c.__name__}.{f}" for c in entities for f in c._fields
                      if f not in _NOT_LISTED and f not in PROPERTIES})
    assert missing == []
    assert all(label.zh and label.en and label.zh != label.en for label in PROPERTIES.values())

"""The diagrams read cleanly in bpmn.io: no label of bpmn/*.bpmn lies on another shape, on another
label or on a sequence flow other than its own (the diagram interchange: BPMNShape/BPMNEdge with
their BPMNLabel bounds)."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.unit.conftest import BPMN_DIR

BPMNDI = "{http://www.omg.org/spec/BPMN/20100524/DI}"
DC = "{http://www.omg.org/spec/DD/20100524/DC}"
DI = "{http://www.omg.org/spec/DD/20100524/DI}"
BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def overlaps(self, other: Box) -> bool:
        """Interiors intersect (boxes that only touch along an edge do not overlap)."""
        return (self.x < other.x + other.w and other.x < self.x + self.w
                and self.y < other.y + other.h and other.y < self.y + self.h)

    def crossed_by(self, a: tuple[float, float], b: tuple[float, float]) -> bool:
        """The segment a–b passes through the interior (Liang–Barsky clipping)."""
        (x0, y0), (x1, y1) = a, b
        dx, dy = x1 - x0, y1 - y0
        lo, hi = 0.0, 1.0
        for p, q in ((-dx, x0 - self.x), (dx, self.x + self.w - x0),
                     (-dy, y0 - self.y), (dy, self.y + self.h - y0)):
            if p == 0:
                if q <= 0:          # parallel to this side and outside or on it
                    return False
                continue
            t = q / p
            if p < 0:
                lo = max(lo, t)
            else:
                hi = min(hi, t)
            if lo >= hi:
                return False
        return True


def _box(element: ET.Element) -> Box:
    return Box(*(float(element.get(k, 0)) for k in ("x", "y", "width", "height")))


@dataclass(frozen=True)
class Drawing:
    shapes: dict[str, Box]                                   # element id -> its shape
    edges: dict[str, list[tuple[float, float]]]              # element id -> its waypoints
    labels: dict[str, Box]                                   # element id -> its label


def drawing(path: Path) -> Drawing:
    root = ET.parse(path).getroot()
    shapes: dict[str, Box] = {}
    edges: dict[str, list[tuple[float, float]]] = {}
    labels: dict[str, Box] = {}
    for shape in root.iter(f"{BPMNDI}BPMNShape"):
        shapes[shape.get("bpmnElement", "")] = _box(shape.find(f"{DC}Bounds"))  # type: ignore[arg-type]
    for edge in root.iter(f"{BPMNDI}BPMNEdge"):
        edges[edge.get("bpmnElement", "")] = [
            (float(w.get("x", 0)), float(w.get("y", 0))) for w in edge.iter(f"{DI}waypoint")]
    for holder in (*root.iter(f"{BPMNDI}BPMNShape"), *root.iter(f"{BPMNDI}BPMNEdge")):
        bounds = holder.find(f"{BPMNDI}BPMNLabel/{DC}Bounds")
        if bounds is not None:
            labels[holder.get("bpmnElement", "")] = _box(bounds)
    return Drawing(shapes, edges, labels)


def label_collisions(d: Drawing) -> list[str]:
    """Every label lying on something it does not belong to, in words."""
    found = []
    for owner, label in sorted(d.labels.items()):
        for other, shape in sorted(d.shapes.items()):
            if other != owner and label.overlaps(shape):
                found.append(f"label of {owner} lies on the shape {other}")
        for other, box in sorted(d.labels.items()):
            if other < owner and label.overlaps(box):
                found.append(f"label of {owner} lies on the label of {other}")
        for other, points in sorted(d.edges.items()):
            if other != owner and any(label.crossed_by(a, b) for a, b in itertools.pairwise(points)):
                found.append(f"label of {owner} lies on the flow {other}")
    return found


MODELS = sorted(BPMN_DIR.glob("*.bpmn"))


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.name)
def test_no_label_lies_on_another_shape_label_or_flow(path):
    assert label_collisions(drawing(path)) == []


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.name)
def test_every_named_element_drawn_with_a_label_has_label_bounds(path):
    """bpmn.io places a label without bounds wherever it likes, so overlap could not be checked:
    every named event, gateway and flow carries its label's bounds."""
    root = ET.parse(path).getroot()
    named = {e.get("id") for e in root.iter() if e.get("name")
             and e.tag.split("}")[1] in {"startEvent", "endEvent", "boundaryEvent",
                                          "intermediateCatchEvent", "exclusiveGateway",
                                          "parallelGateway", "sequenceFlow"}}
    assert named - set(drawing(path).labels) == set()


# --- the checks themselves ---------------------------------------------------------------------

def test_a_label_on_a_flow_segment_or_a_shape_is_found():
    d = Drawing(shapes={"task": Box(100, 100, 100, 80), "event": Box(0, 0, 36, 36)},
                edges={"flow": [(36, 18), (150, 18), (150, 100)]},
                labels={"event": Box(140, 40, 60, 14), "flow": Box(40, 0, 40, 14)})
    assert label_collisions(d) == ["label of event lies on the flow flow"]
    d2 = Drawing(shapes=d.shapes, edges=d.edges, labels={"event": Box(120, 170, 60, 14)})
    assert label_collisions(d2) == ["label of event lies on the shape task"]


def test_labels_only_touching_do_not_collide():
    d = Drawing(shapes={"task": Box(100, 100, 100, 80)}, edges={"flow": [(0, 50), (100, 50)]},
                labels={"a": Box(0, 36, 50, 14), "b": Box(50, 36, 50, 14), "c": Box(100, 86, 40, 14)})
    assert label_collisions(d) == []

"""A repaint that leaves out the widgets it does not meet, or that others cover, paints the same
cells as Textual's."""

from __future__ import annotations

from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Footer, Header, Static

from reader.tui import compositing


class Panes(App[None]):
    CSS = """
    #left { width: 20; } #middle { width: 1fr; } #right { width: 15; border: round red; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield Static("\n".join(f"row {n}" for n in range(30)), id="left")
            with VerticalScroll(id="middle"):
                yield Static("the article text " * 40, id="text")
            yield Static("who\nand what", id="right")
        yield Footer()


def cells(line: dict[int, Strip | None], x1: int, x2: int) -> list[tuple[str, object]]:
    """The characters and styles painted in columns [x1, x2) of one line of chops."""
    painted: list[tuple[str, object]] = []
    for x, strip in sorted((x, s) for x, s in line.items() if s is not None):
        for segment in strip:
            for offset, char in enumerate(segment.text):
                if x1 <= x + offset < x2:
                    painted.append((char, segment.style))
            x += Segment.get_line_length([segment]) if segment.text else 0
    return painted


async def test_the_cells_a_repaint_paints_are_those_textual_paints() -> None:
    app = Panes()
    async with app.run_test(size=(80, 20)) as pilot:
        app.query_one("#text", Static).update("a new article, longer than the last one " * 30)
        await pilot.pause()
        compositor = app.screen._compositor
        for crop in (Region(20, 1, 45, 18), Region(65, 1, 15, 18), Region(0, 0, 80, 1), Region(30, 5, 3, 2)):
            spans = list(compositor._regions_to_spans([crop]))
            rendered = {y for y, _, _ in spans}.__contains__
            compositing.repaint_only_what_changed()
            ours = compositor._render_chops(crop, rendered)
            compositing.Compositor._get_renders = compositing._get_renders  # type: ignore[method-assign]
            textuals = compositor._render_chops(crop, rendered)
            compositing.repaint_only_what_changed()
            for y, x1, x2 in spans:
                assert cells(ours[y], x1, x2) == cells(textuals[y], x1, x2)
                assert len(cells(ours[y], x1, x2)) == x2 - x1  # every cell of the repaint is painted


async def test_a_repaint_of_one_pane_draws_none_of_the_others() -> None:
    app = Panes()
    async with app.run_test(size=(80, 20)):
        compositing.repaint_only_what_changed()
        compositor = app.screen._compositor
        middle = app.query_one("#middle")
        drawn = [region for region, _clip, _lines in compositor._get_renders(middle.region)]
        assert app.query_one("#left").region not in drawn and app.query_one("#right").region not in drawn
        assert middle.region in drawn
        # The row of panes and the screen behind them are covered where the pane is: not drawn.
        assert app.query_one(Horizontal).region not in drawn and app.screen.region not in drawn

from textual.widgets import Static
from reader.widgets.reader_pane import ReaderPane
from .conftest import CARACAS_CHRONICLES, article_list, settle, titles

async def test_explore(start):
    async with start() as pilot:
        app = pilot.app
        article_list(app).set_cursor(titles(app).index(CARACAS_CHRONICLES))
        await pilot.press("enter")
        await settle(pilot)
        pane = app.screen.query_one(ReaderPane)
        print("FOCUSED", app.focused)
        print("BODYTEXT", repr(pane.body_text[:1500]))
        body = app.screen.query_one("#reader-body", Static).content
        print("DRAWN", repr(body.plain[:1500]))
        print("BLOCKS", pane._rendered.blocks[:5])
        print("SPANS", body.spans[:10])
        print("ID", pane.article_id, "region", pane.region, app.screen.query_one("#reader-body").content_region)
        await pilot.press("v")
        print("visual", pane.visual, pane.anchor, pane.caret_at, pane.mark_layers.selection, pane.selection())
        await pilot.press("h")
        await settle(pilot)
        print(app.notified[-3:])
        print(app.services.store.annotations(pane.article_id))

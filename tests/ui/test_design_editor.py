"""The infographic tab, driven as the officer drives it: mouse, keys, the form, export."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from composer import platforms
from composer.core.preview import enabled_platforms
from composer.design.model import Layer
from composer.design.render import Renderer
from composer.design.sizes import BY_NAME, SIZES
from composer.ui.design_editor.editor import DesignEditor
from composer.ui.main_window import MainWindow


@pytest.fixture
def designer(qtbot: QtBot, window: MainWindow) -> DesignEditor:
    window.modes.setCurrentIndex(1)
    editor = window.design_editor
    editor.start_from("langkah-paspor")
    qtbot.waitUntil(lambda: editor.frame() is not None)
    return editor


def layer_named(editor: DesignEditor, name: str) -> Layer:
    return next(layer for layer in editor.document.design.layers if layer.name == name)


def screen_point(editor: DesignEditor, x: float, y: float) -> QPoint:
    return editor.canvas.mapFromScene(QPointF(x, y))


def drag(qtbot: QtBot, editor: DesignEditor, start: QPoint, end: QPoint, steps: int = 6) -> None:
    viewport = editor.canvas.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, steps + 1):
        point = start + (end - start) * (i / steps)
        qtbot.mouseMove(viewport, point)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


def test_an_empty_post_offers_the_templates(window: MainWindow) -> None:
    assert not window.design_editor.has_design()
    assert window.design_editor.stack.currentIndex() == 0


def test_dragging_a_layer_moves_it_and_one_undo_puts_it_back(qtbot: QtBot, designer: DesignEditor) -> None:
    title = layer_named(designer, "Subjudul")
    before = designer.canvas.rect_of(title.id)
    assert before is not None
    start = screen_point(designer, before.x + before.w / 2, before.y + before.h / 2)
    drag(qtbot, designer, start, start + QPoint(0, 60))
    after = designer.canvas.rect_of(title.id)
    assert after is not None
    assert after.y > before.y + 20
    assert abs(after.x - before.x) < 1  # the drag was straight down
    assert designer.canvas.selection == [title.id]
    assert designer.document.undo_stack.count() == 1  # the whole drag is one step
    designer.undo_action.trigger()
    restored = designer.canvas.rect_of(title.id)
    assert restored is not None and abs(restored.y - before.y) < 0.5
    designer.redo_action.trigger()
    redone = designer.canvas.rect_of(title.id)
    assert redone is not None and abs(redone.y - after.y) < 0.5


def test_a_drag_snaps_to_the_canvas_centre_and_shows_a_guide(qtbot: QtBot, designer: DesignEditor) -> None:
    shape = layer_named(designer, "Aksen")
    rect = designer.canvas.rect_of(shape.id)
    assert rect is not None
    spec = designer.document.spec
    viewport = designer.canvas.viewport()
    grab = QPointF(rect.right - 10, 10)  # the part of the circle no other layer covers
    start = screen_point(designer, grab.x(), grab.y())
    assert designer.canvas.layer_at(designer.canvas.mapToScene(start)) == shape.id
    # Move the shape so that its centre lands a couple of pixels off the canvas centre.
    target_dx = spec.width / 2 - (rect.x + rect.w / 2) + 2
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    end = screen_point(designer, grab.x() + target_dx, grab.y())
    qtbot.mouseMove(viewport, end)
    assert designer.canvas.guides_shown() >= 1
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    assert designer.canvas.guides_shown() == 0
    moved = designer.canvas.rect_of(shape.id)
    assert moved is not None
    assert abs(moved.x + moved.w / 2 - spec.width / 2) < 0.5


def test_resizing_with_a_handle(qtbot: QtBot, designer: DesignEditor) -> None:
    band = layer_named(designer, "Judul")
    designer.canvas.select([band.id])
    rect = designer.canvas.rect_of(band.id)
    assert rect is not None
    start = screen_point(designer, rect.right, rect.y + rect.h / 2)
    drag(qtbot, designer, start, start - QPoint(40, 0))
    resized = designer.canvas.rect_of(band.id)
    assert resized is not None
    assert resized.w < rect.w - 20 and abs(resized.x - rect.x) < 1


def test_arrow_keys_nudge_and_a_locked_layer_stays(qtbot: QtBot, designer: DesignEditor) -> None:
    title = layer_named(designer, "Judul")
    designer.canvas.select([title.id])
    designer.canvas.setFocus()
    before = designer.canvas.rect_of(title.id)
    assert before is not None
    qtbot.keyClick(designer.canvas, Qt.Key.Key_Right)
    qtbot.keyClick(designer.canvas, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    after = designer.canvas.rect_of(title.id)
    assert after is not None
    assert abs(after.x - before.x - 1) < 0.5 and abs(after.y - before.y - 10) < 0.5

    designer.layers.toggle_lock()
    locked = designer.document.design.find(title.id)
    assert locked is not None and locked.locked
    qtbot.keyClick(designer.canvas, Qt.Key.Key_Right)
    still = designer.canvas.rect_of(title.id)
    assert still is not None and abs(still.x - after.x) < 0.5
    # A locked layer is not picked up by a click either.
    centre = screen_point(designer, after.x + after.w / 2, after.y + after.h / 2)
    assert designer.canvas.layer_at(designer.canvas.mapToScene(centre)) != title.id


def test_the_form_changes_the_data_and_the_canvas_follows(qtbot: QtBot, designer: DesignEditor) -> None:
    first = designer.frame()
    assert first is not None
    line = designer.fields_form.editor("judul")
    line.setFocus()
    line.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(line, "Paspor Elektronik")
    assert designer.document.design.field_values()["judul"] == "Paspor Elektronik"
    qtbot.waitUntil(lambda: (f := designer.frame()) is not None and f.design == designer.document.design)
    frame = designer.frame()
    assert frame is not None and frame.image != first.image
    # Typing is one undo step, and undo brings the old title back into the form.
    assert designer.document.undo_stack.count() == 1
    designer.canvas.setFocus()
    designer.undo_action.trigger()
    assert designer.document.design.field_values()["judul"] == "Cara Membuat Paspor"
    assert line.text() == "Cara Membuat Paspor"  # type: ignore[attr-defined]


def test_inline_editing_a_field_bound_text(qtbot: QtBot, designer: DesignEditor) -> None:
    title = layer_named(designer, "Judul")
    rect = designer.canvas.rect_of(title.id)
    assert rect is not None
    point = screen_point(designer, rect.x + 20, rect.y + rect.h / 2)
    qtbot.mouseDClick(designer.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    inline = designer.canvas.inline_editor()
    assert inline is not None and inline.toPlainText() == "Cara Membuat Paspor"
    inline.setPlainText("Paspor Baru")
    qtbot.keyClick(inline, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert designer.canvas.inline_editor() is None
    assert designer.document.design.field_values()["judul"] == "Paspor Baru"
    assert layer_named(designer, "Judul").prop("text") == "{judul}"  # still bound to the field


def test_every_size_reflows_and_the_canvas_is_the_renderer_output(
    qtbot: QtBot, designer: DesignEditor
) -> None:
    for index, spec in enumerate(SIZES):
        designer.size_combo.setCurrentIndex(index)
        qtbot.waitUntil(
            lambda s=spec: (f := designer.frame()) is not None and (f.width, f.height) == (s.width, s.height)
        )
    spec = BY_NAME["x"]
    designer.size_combo.setCurrentIndex(SIZES.index(spec))
    qtbot.waitUntil(lambda: (f := designer.frame()) is not None and f.width == spec.width)
    shown = designer.canvas.frame_image().convertToFormat(QImage.Format.Format_RGBA8888)
    raw = bytes(shown.constBits())[: shown.width() * shown.height() * 4]
    canvas = Image.frombuffer(
        "RGBA", (shown.width(), shown.height()), raw, "raw", "RGBA", shown.bytesPerLine(), 1
    )
    expected = (
        Renderer(designer.brand, designer.loader)
        .render(designer.document.design, spec.width, spec.height)
        .image
    )
    assert canvas.size == expected.size == (1600, 900)
    assert ImageChops.difference(canvas.convert("RGB"), expected.convert("RGB")).getbbox() is None


def test_layers_panel_duplicate_and_delete_are_undoable(qtbot: QtBot, designer: DesignEditor) -> None:
    count = len(designer.document.design.layers)
    designer.canvas.select([layer_named(designer, "Aksen").id])
    designer.layers.duplicate_selected()
    assert len(designer.document.design.layers) == count + 1
    assert designer.layers.list.count() == count + 1
    designer.layers.delete_selected()
    designer.canvas.select([layer_named(designer, "Logo").id])
    designer.layers.delete_selected()
    assert len(designer.document.design.layers) == count - 1
    assert designer.document.design.find(layer_named(designer, "Judul").id) is not None
    while designer.document.undo_stack.canUndo():
        designer.undo_action.trigger()
    assert len(designer.document.design.layers) == count


def test_export_attaches_an_image_per_platform_to_the_post(
    qtbot: QtBot, window: MainWindow, designer: DesignEditor
) -> None:
    post = window.post
    assert post is not None
    with qtbot.waitSignal(designer.sig_exported, timeout=10_000):
        designer.export_to_post(confirm_alt=False)
    images = post.design_images
    # Every platform gets its own size, also those the post does not go to (here YouTube and
    # TikTok, which want a video), so switching one on later keeps the infographic.
    assert {p.id for p in enabled_platforms(post)} == {"facebook", "instagram", "x", "wordpress"}
    assert set(images) == set(platforms.ids())
    for platform_id, item in images.items():
        path = window.session.workspace.media.path_for_id(item.id)
        with Image.open(io.BytesIO(path.read_bytes())) as image:
            assert image.width >= 1000, platform_id
            if platform_id == "instagram":
                assert image.format == "JPEG" and image.size == (1080, 1350)
        assert "Cara Membuat Paspor" in item.alt
        assert window.post is not None and window.post.media_for(platform_id)[0].id == item.id
    # The design images are saved with the draft.
    window.save_now()
    reloaded = window.session.workspace.drafts.load(post.id)
    assert reloaded.design_images.keys() == images.keys()


def test_the_design_is_kept_per_draft(qtbot: QtBot, window: MainWindow, designer: DesignEditor) -> None:
    first = window.post
    assert first is not None
    designer.fields_form.editor("judul").setFocus()
    qtbot.keyClicks(designer.fields_form.editor("judul"), "!")
    window.new_draft()
    assert not designer.has_design()
    window.open_draft(first.id)
    assert designer.has_design()
    assert designer.document.design.field_values()["judul"].endswith("!")


def test_the_template_gallery_shows_every_template(qtbot: QtBot, window: MainWindow) -> None:
    from composer.design.templates import TEMPLATES
    from composer.ui.design_editor.templates_dialog import TemplatesDialog

    editor = window.design_editor
    dialog = TemplatesDialog(editor.brand, editor.loader, editor.runner, window)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == len(TEMPLATES) >= 10
    qtbot.waitUntil(lambda: not dialog.list.item(dialog.list.count() - 1).icon().isNull())
    dialog.list.setCurrentRow(3)
    assert dialog.chosen() == TEMPLATES[3].id


def test_changing_the_brand_restyles_the_canvas(qtbot: QtBot, designer: DesignEditor) -> None:
    import dataclasses

    first = designer.frame()
    assert first is not None
    brand = designer.brand
    new = dataclasses.replace(
        brand, office_name="Kantor Imigrasi Uji", colors={**brand.colors, "primary": "#7A1F3D"}
    )
    designer.set_brand(new)
    qtbot.waitUntil(lambda: (f := designer.frame()) is not None and f is not first)
    frame = designer.frame()
    assert frame is not None and frame.image != first.image
    assert designer.session.brand().office_name == "Kantor Imigrasi Uji"

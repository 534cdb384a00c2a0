"""The results card: an end screen to share (avatar, final score and tier, the week's line, the
moments that moved it most, the quiz before and after, and what you did as stickers), with two
buttons: "For your teacher" and Done. The teacher's part is a compact sheet over the card that
the first button opens: the results code, an optional name, Copy code and Export (desktop) or
Download (browser). Every finished game's results are also kept in the save folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.core import saves
from game.core.explain import say
from game.core.quiz import outcome
from game.core.resultcode import encode
from game.core.results import CHOICE_KINDS, Results, from_game
from game.ui import input as ia
from game.ui import theme as th
from game.ui.cards import Author, Card, CardPainter, Counts, Custom, Delta, Gap, Line
from game.ui.export import (
    download,
    export_file,
    export_folder,
    in_browser,
    results_folder,
)
from game.ui.listview import CardList
from game.ui.present import count, profile_of, tier_color
from game.ui.recap import kind_icon, score_badge, spark
from game.ui.scene import Panel
from game.ui.textfield import TextField, text_input
from game.ui.widgets import Button, UIContext, flow

if TYPE_CHECKING:
    from game.ui.flow import Flow

CHART_HEIGHT = 170

CHOICE_ICONS: dict[str, str] = {
    "posts": "comment",
    "likes": "heart",
    "shares": "share",
    "comments": "comment",
    "reported_posts": "flag",
    "reported_friends": "flag",
    "purchases": "bag",
    "friends_added": "people",
    "friends_removed": "people",
}
"""The sticker icon of each kind of choice the card counts."""

STICKERS_PER_ROW = 3


class ResultsScene(Panel):
    """The results of the app's finished session, on a sheet of its own (the X and Done both
    go to the title screen; the results are kept)."""

    holds_toasts = True
    opaque = True
    shows_hud = False

    def __init__(self, app: Flow) -> None:
        """Build the results and keep a copy in the save folder (desktop)."""
        super().__init__(app)
        session = app.session
        self.list = CardList("results")
        self.nickname = TextField("nickname", 20, self.s("results.nickname_hint"))
        self.nickname.text = session.nickname
        self.nickname.caret = len(session.nickname)
        self.folder = TextField("folder", 300)
        """Where Export puts a copy (the Downloads folder); never shown to players."""
        self.folder.text = str(export_folder())
        self.export = Button(
            "export", self.s("results.download" if in_browser() else "results.export"), icon="check"
        )
        self.done = Button("done", self.s("results.done"))
        self.copy = Button("copy", self.s("results.copy"), icon="check")
        self.teacher = Button("teacher", self.s("results.teacher"), icon="people")
        self.close = self.close_button()
        self.sheet_close = Button("sheet_close", "", icon="x")
        self.sheet_open = False
        """True while the teacher's sheet (code, name, copy, export) is open over the card."""
        self.show_card()
        self.rects: dict[str, pygame.Rect] = {}
        self.painter = CardPainter()
        """Paints the teacher's part (a card outside the list)."""
        self.card_h = 0
        self.text_input: bool | None = None
        self.results = self.build()
        self.keep()

    def show_card(self) -> None:
        """The card with its two buttons in the focus ring (the teacher's sheet closed)."""
        self.sheet_open = False
        self.focus.set_items([self.list, self.teacher, self.done, self.close])
        self.focus.focus("teacher")

    def show_sheet(self) -> None:
        """The teacher's sheet open: its name field (when the class asks), Copy code, Export
        and its X in the focus ring."""
        self.sheet_open = True
        items: list = [self.nickname] if self.app.session.ask_nickname else []
        self.focus.set_items([*items, self.copy, self.export, self.sheet_close])
        self.focus.focus("copy")

    def build(self) -> Results:
        """The results with the nickname as typed now; when the class asks for no nickname,
        the name typed at "Who is playing?" (if any), so the teacher can tell who played."""
        session = self.app.session
        before, after = session.quiz["before"], session.quiz["after"]
        name = self.nickname.text if session.ask_nickname else self.app.profile or ""
        return from_game(session.game, session.claims, before, after, name)

    def keep(self) -> None:
        """Keep the results in the save folder (desktop); a failure is shown, not raised."""
        if in_browser() or self.app.config.store is None:
            return
        try:
            export_file(self.results, results_folder(self.app.config.store))
        except saves.SaveError as err:
            self.app.toasts.add(
                self.s("results.export_failed", reason=err), "flag", th.ERROR, own=True
            )

    def cards(self) -> list[Card]:
        """The score card (avatar, big score in its tier's colour, the week's line, the three
        biggest changes with icons), the quiz, the choices made."""
        r = self.results
        s = self.s
        game = self.app.session.game
        scenario = game.scenario
        display = scenario.score_format
        me = profile_of(game.player, scenario)
        name = r.nickname or self.app.profile or s("post.by_you")
        color = tier_color(scenario.tier_for(r.final_score), scenario)
        parts: list = [
            Author(me.face, name, scenario.title, size=56.0, ring=color),
            *score_badge(r.final_score, scenario, self.app.strings, "recap.final"),
            spark(tuple(enumerate(r.path)), None, scenario, game.days),
            Gap(4),
            Line(s("results.causes"), "name"),
        ]
        icons = {
            say(c.cause, scenario.language): kind_icon(c.rule_id, scenario)
            for c in game.history
            if c.who == "player"
        }
        parts += [
            Delta(
                c.total,
                c.text,
                label=display.show_change(c.total),
                icon=icons.get(c.text),
                chip=True,
            )
            for c in r.causes
        ]
        if not r.causes:
            parts.append(Line(s("results.no_causes"), "meta", th.MUTED))
        out = [Card("final", tuple(parts), accent=color)]
        if r.has_quiz:
            result = outcome(r.claims, r.before, r.after)
            out.append(
                Card(
                    "quizcard",
                    (
                        Line(s("results.quiz"), "name"),
                        Line(s(f"results.verdict.{result.verdict()}"), "body"),
                        Custom(("chart", encode(r)), CHART_HEIGHT, self.paint_chart),
                        Line(
                            s(
                                "results.discernment",
                                before=f"{result.before.discernment:+.1f}",
                                after=f"{result.after.discernment:+.1f}",
                            ),
                            "meta",
                            th.MUTED,
                        ),
                    ),
                )
            )
        out.append(Card("counts", self.stickers()))
        return out

    def stickers(self) -> tuple:
        """What the player did, as icon stickers ("6 posts", "1 share"), three to a row,
        the kinds they never did left out; a line saying so when they did nothing."""
        done = [
            (CHOICE_ICONS[name], count(self.app.strings, f"count.{name}", n), th.ACCENT)
            for name, _kind in CHOICE_KINDS
            if (n := self.results.choices.get(name, 0))
        ]
        if not done:
            return (Line(self.s("results.did_nothing"), "meta", th.MUTED),)
        rows = [done[i : i + STICKERS_PER_ROW] for i in range(0, len(done), STICKERS_PER_ROW)]
        return (Line(self.s("results.did"), "name"), *(Counts(tuple(row)) for row in rows))

    def teacher_card(self) -> Card:
        """The part for the teacher: the results code, where to send it, the name in it (when
        the class asked at the start), and where the results are kept."""
        r = self.results
        s = self.s
        lines = [
            Line(s("results.code"), "name"),
            Line(encode(r), "meta", th.ACCENT),
            Line(self.code_help(), "small", th.MUTED),
        ]
        if r.nickname and not self.app.session.ask_nickname:
            lines.append(Line(s("results.named", name=r.nickname), "small", th.MUTED))
        if not in_browser():
            folder = self.folder_words(Path(self.folder.text))
            lines.append(Line(s("results.saved", folder=folder), "small", th.MUTED))
        return Card(("codecard", encode(r), r.nickname), tuple(lines), plain=True)

    def code_help(self) -> str:
        """Where to send the code: the class's ``send_to`` when it has one."""
        plan = self.app.config.class_plan
        if plan is not None and plan.send_to:
            return self.s("results.code_send_to", where=plan.send_to)
        return self.s("results.code_help")

    def paint_chart(self, surface: pygame.Surface, rect: pygame.Rect, ctx: UIContext) -> None:
        """Belief in true and in false claims (1-6), before (grey) and after (blue)."""
        result = outcome(self.results.claims, self.results.before, self.results.after)
        rows = (
            (self.s("results.true_belief"), result.before.true_belief, result.after.true_belief),
            (self.s("results.false_belief"), result.before.false_belief, result.after.false_belief),
        )
        label_w = max(ctx.text.width(label, "meta") for label, _b, _a in rows) + ctx.theme.px(12)
        bar_h = max(8, (rect.height - ctx.theme.px(30)) // 5)
        width = rect.width - label_w - ctx.theme.px(110)
        y = rect.y + ctx.theme.px(4)
        for label, before, after in rows:
            surface.blit(ctx.text.render(label, "meta", th.TEXT), (rect.x, y))
            for value, color, word in (
                (before, th.MUTED, self.s("results.before")),
                (after, th.ACCENT, self.s("results.after")),
            ):
                w = int(width * value / 6)
                pygame.draw.rect(surface, color, (rect.x + label_w, y, w, bar_h), border_radius=3)
                text = ctx.text.render(f"{word} {value:.1f}/6", "small", color)
                surface.blit(text, (rect.x + label_w + w + ctx.theme.px(6), y))
                y += bar_h + ctx.theme.px(4)
            y += ctx.theme.px(10)

    def layout(self) -> None:
        """The card fills the sheet above its two buttons ("For your teacher" and Done at the
        right); the teacher's sheet, a compact box in the middle, has the code, the name
        field, Copy code and Export, and its own X."""
        t = self.ctx.theme
        a = self.inner_rect()
        self.place_close(self.close)
        pad = t.px(12)
        done_w, done_h = self.done.measure(self.ctx)
        teach_w, teach_h = self.teacher.measure(self.ctx)
        y = a.bottom - max(done_h, teach_h)
        self.teacher.rect = pygame.Rect(a.x, y, min(teach_w, a.width - done_w - pad), teach_h)
        self.done.rect = pygame.Rect(a.right - done_w, y, done_w, done_h)
        top = self.content_top()
        self.list.set_rect(pygame.Rect(a.x, top, a.width, y - t.px(10) - top), self.ctx)
        self.list.set_cards(self.cards(), self.ctx)
        self.layout_sheet()

    def layout_sheet(self) -> None:
        """The teacher's sheet: as wide as the card (at most about 640 design pixels), as
        tall as what it holds, centred over the card."""
        t = self.ctx.theme
        a = self.panel_rect()
        pad = t.px(14)
        width = min(a.width - 2 * t.px(8), t.px(640))
        inner = width - 2 * pad
        size = self.sheet_close.measure(self.ctx)[1]
        self.card_h = self.painter.height(self.teacher_card(), inner - size - t.px(8), self.ctx)
        buttons = [self.copy, self.export]
        buttons_h = flow(buttons, self.ctx, 0, 0, inner)
        field_h = label_h = 0
        if self.app.session.ask_nickname:
            label_h = self.ctx.text.line_height("meta") + t.px(4)
            field_h = self.nickname.height_for(self.ctx, inner, 1) + t.px(10)
        h = pad + self.card_h + t.px(8) + label_h + field_h + buttons_h + pad
        box = pygame.Rect(a.centerx - width // 2, a.centery - h // 2, width, h)
        self.rects["box"] = box
        x, y = box.x + pad, box.y + pad
        self.sheet_close.rect = pygame.Rect(box.right - pad - size, y, size, size)
        self.rects["card"] = pygame.Rect(x, y, inner - size - t.px(8), self.card_h)
        y += self.card_h + t.px(8)
        if field_h:
            self.rects["nickname"] = pygame.Rect(x, y, inner, label_h)
            y += label_h
            self.nickname.rect = pygame.Rect(x, y, inner, field_h - t.px(10))
            y += field_h
        flow(buttons, self.ctx, x, y, inner)

    def refresh(self) -> None:
        """The game is over: only the nickname changes the code."""

    def update(self, dt: float) -> list[pygame.Rect]:
        """Caret blink, text input on while a field has focus, the code follows the nickname."""
        changed = super().update(dt)
        typing = self.focus.current is self.nickname
        self.text_input = text_input(typing, self.text_input)
        if self.nickname.text != self.app.session.nickname:
            self.app.session.nickname = self.nickname.text
            self.results = self.build()
            self.layout()
            changed.append(self.panel_rect())
        return changed

    def handle(self, action: ia.Action) -> None:
        """Ctrl+C copies the results code; everything else as on any scene."""
        if action.kind == ia.COPY:
            self.copy_code()
        else:
            super().handle(action)

    def copy_code(self) -> None:
        """Put the results code on the clipboard and say whether it got there."""
        done = self.app.links.copy(encode(self.results))
        if done:
            self.app.toasts.add(self.s("results.copied"), "check", th.GAIN, own=True)
        else:
            self.app.toasts.add(self.s("results.copy_failed"), "flag", th.ERROR, own=True)

    def activate(self, id: str, payload: object) -> None:
        """Copy the code, export or download the file, or finish."""
        if id == "teacher":
            self.show_sheet()
        elif id == "sheet_close":
            self.show_card()
        elif id == "copy":
            self.copy_code()
        elif id == "export":
            self.save_copy()
        elif id in ("done", "close"):
            self.keep()
            self.app.to_title()

    def save_copy(self) -> None:
        """Export to the chosen folder (desktop) or download (browser); say how it went."""
        try:
            if in_browser():
                download(self.results)
                return
            path = export_file(self.results, Path(self.folder.text.strip() or ".").expanduser())
        except saves.SaveError as err:
            self.app.toasts.add(
                self.s("results.export_failed", reason=err), "flag", th.ERROR, own=True
            )
            return
        self.keep()
        text = self.s("results.exported_to", folder=self.folder_words(path.parent), file=path.name)
        self.app.toasts.add(text, "check", th.GAIN, own=True)

    def folder_words(self, folder: Path) -> str:
        """A folder as a player finds it, by its name: "your Downloads folder", "your folder
        “sam”" (the home folder, named after them) or "the folder “name”"; never a path or a
        file name."""
        home = Path.home()
        if folder == home / "Downloads":
            return self.s("results.in_downloads")
        key = "results.in_home" if folder == home else "results.in_folder"
        return self.s(key, name=folder.name or str(folder))

    def keep_clear(self) -> list[pygame.Rect]:
        """The buttons and the teacher's box with its code: a toast never covers the code
        the player copies."""
        return [*super().keep_clear(), pygame.Rect(self.rects["box"])]

    def back(self) -> None:
        """Esc closes the teacher's sheet, or goes to the title screen (the results are
        kept)."""
        if self.sheet_open:
            self.show_card()
            return
        self.keep()
        self.app.to_title()

    def draw(self, surface: pygame.Surface) -> None:
        """Title, score card and its buttons; the teacher's sheet over them when open."""
        surface.fill(th.BG)
        self.draw_panel(surface, self.s("results.title", title=self.app.session.scenario.title))
        if not self.sheet_open:
            self.draw_widgets(surface)
            return
        self.list.draw(surface, self.ctx, False)
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill(th.OVERLAY)
        surface.blit(shade, (0, 0))
        t = self.ctx.theme
        box = self.rects["box"]
        pygame.draw.rect(surface, th.CARD, box, border_radius=t.px(12))
        pygame.draw.rect(surface, th.BORDER, box, max(1, t.px(2)), border_radius=t.px(12))
        card = self.rects["card"]
        surface.blit(self.painter.paint(self.teacher_card(), card.width, self.ctx).surface, card)
        if "nickname" in self.rects:
            text = self.ctx.text.render(self.s("results.nickname"), "meta", th.MUTED)
            surface.blit(text, self.rects["nickname"].topleft)
        self.draw_widgets(surface)

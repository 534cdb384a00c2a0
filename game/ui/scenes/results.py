"""The results card: final score and tier, what moved it, the quiz before and after, the
choices made, the results code, an optional nickname, and Export (desktop) or Download
(browser). Every finished game's results are also kept in the save folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.core import saves
from game.core.quiz import outcome
from game.core.resultcode import encode
from game.core.results import CHOICE_KINDS, Results, from_game
from game.ui import input as ia
from game.ui import theme as th
from game.ui.cards import Card, Custom, Line
from game.ui.export import download, export_file, export_folder, in_browser, results_folder
from game.ui.listview import CardList
from game.ui.present import count, heading_card
from game.ui.scene import Panel
from game.ui.textfield import TextField, text_input
from game.ui.widgets import Button, UIContext, delta_label, flow

if TYPE_CHECKING:
    from game.ui.flow import Flow

CHART_HEIGHT = 170


class ResultsScene(Panel):
    """The results of the app's finished session, on a sheet of its own (the X and Done both
    go to the title screen; the results are kept)."""

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
        self.close = self.close_button()
        items: list = [self.list]
        if session.ask_nickname:
            items.append(self.nickname)
        self.focus.set_items([*items, self.copy, self.export, self.done, self.close])
        self.rects: dict[str, pygame.Rect] = {}
        self.text_input: bool | None = None
        self.results = self.build()
        self.keep()

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
            self.app.toasts.add(self.s("results.export_failed", reason=err), "flag", th.ERROR)

    def cards(self) -> list[Card]:
        """Everything the card shows, in reading order."""
        r = self.results
        s = self.s
        out = [
            Card(
                "final",
                (Line(s("results.final", score=r.final_score, tier=r.tier_name), "heading"),),
            ),
            heading_card(s("results.causes"), "causes"),
        ]
        if r.causes:
            out += [
                Card(("cause", i), (Line(f"{delta_label(c.total)}  {c.text}", "body"),))
                for i, c in enumerate(r.causes)
            ]
        else:
            out.append(Card("nocause", (Line(s("results.no_causes"), "meta", th.MUTED),)))
        if r.has_quiz:
            result = outcome(r.claims, r.before, r.after)
            out.append(heading_card(s("results.quiz"), "quiz"))
            out.append(
                Card(
                    "quizcard",
                    (
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
        counts = ", ".join(
            count(self.app.strings, f"count.{name}", r.choices.get(name, 0))
            for name, _kind in CHOICE_KINDS
        )
        out.append(heading_card(s("results.choices"), "choices"))
        out.append(Card("counts", (Line(counts + ".", "meta"),)))
        out.append(heading_card(s("results.code"), "code"))
        lines = [Line(encode(r), "body", th.ACCENT), Line(self.code_help(), "meta", th.MUTED)]
        if r.nickname and not self.app.session.ask_nickname:
            lines.append(Line(s("results.named", name=r.nickname), "meta", th.MUTED))
        out.append(Card(("codecard", encode(r)), tuple(lines)))
        return out

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
        """The card on top; nickname, "Saved" and buttons at the bottom; the X on top."""
        t = self.ctx.theme
        a = self.inner_rect()
        width = a.width
        x = a.x
        self.place_close(self.close)
        lh = self.ctx.text.line_height("meta")
        field_h = self.nickname.height_for(self.ctx, width, 1)
        buttons = [self.copy, self.export, self.done]
        buttons_h = flow(buttons, self.ctx, x, 0, width)
        y = a.bottom - buttons_h
        flow(buttons, self.ctx, x, y, width)
        if not in_browser():
            y -= lh + t.px(8)
            self.rects["saved"] = pygame.Rect(x, y, width, lh)
        if self.nickname in self.focus.items:
            y -= field_h + t.px(8)
            self.nickname.rect = pygame.Rect(x, y, width, field_h)
            y -= lh + t.px(4)
            self.rects["nickname"] = pygame.Rect(x, y, width, lh)
        top = self.content_top()
        self.list.set_rect(pygame.Rect(x, top, width, y - t.px(8) - top), self.ctx)
        self.list.set_cards(self.cards(), self.ctx)

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
            self.list.set_cards(self.cards(), self.ctx)
            changed.append(self.list.rect)
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
            self.app.toasts.add(self.s("results.copied"), "check", th.GAIN)
        else:
            self.app.toasts.add(self.s("results.copy_failed"), "flag", th.ERROR)

    def activate(self, id: str, payload: object) -> None:
        """Copy the code, export or download the file, or finish."""
        if id == "copy":
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
            self.app.toasts.add(self.s("results.export_failed", reason=err), "flag", th.ERROR)
            return
        self.keep()
        text = self.s("results.exported_to", folder=self.folder_words(path.parent), file=path.name)
        self.app.toasts.add(text, "check", th.GAIN)

    def folder_words(self, folder: Path) -> str:
        """A folder as a player names it: "your Downloads folder", "your home folder", or
        just its name (never a full path)."""
        home = Path.home()
        if folder == home / "Downloads":
            return self.s("results.in_downloads")
        if folder == home:
            return self.s("results.in_home")
        return folder.name or str(folder)

    def back(self) -> None:
        """Esc goes to the title screen (the results are kept)."""
        self.keep()
        self.app.to_title()

    def draw(self, surface: pygame.Surface) -> None:
        """Title, card, fields and buttons."""
        surface.fill(th.BG)
        self.draw_panel(surface, self.s("results.title", title=self.app.session.scenario.title))
        if "nickname" in self.rects:
            text = self.ctx.text.render(self.s("results.nickname"), "meta", th.MUTED)
            surface.blit(text, self.rects["nickname"].topleft)
        if "saved" in self.rects:
            saved = self.s("results.saved", folder=self.folder_words(Path(self.folder.text)))
            text = self.ctx.text.render(
                self.ctx.text.fit(saved, "meta", self.rects["saved"].width), "meta", th.MUTED
            )
            surface.blit(text, self.rects["saved"].topleft)
        self.draw_widgets(surface)

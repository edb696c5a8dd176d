"""The charts tab: contact per measure, the trend over conversations, and the team."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import QTabWidget, QWidget

from caseload_desk.signals import MeasureSignals
from caseload_desk.store.conversations import Conversation
from caseload_desk.store.facts import NO_FIXED_WORKER
from caseload_desk.store.records import Worker
from caseload_desk.ui.charts.contact_chart import ContactChart
from caseload_desk.ui.charts.data import LoadBar, TeamBar
from caseload_desk.ui.charts.load_chart import LoadChart
from caseload_desk.ui.charts.team_chart import TeamChart
from caseload_desk.ui.charts.trend_chart import TrendChart
from caseload_desk.ui.workers.model import NO_FIXED_LABEL, WorkerCount


def team_bars(team_workers: list[Worker], counts: dict[str, WorkerCount]) -> list[TeamBar]:
    """Workers of one team, plus the measures without a vaste jeugdbeschermer."""
    bars = []
    for key, label in [(w.medewerker_id, w.naam) for w in team_workers] + [
        (NO_FIXED_WORKER, NO_FIXED_LABEL)
    ]:
        c = counts.get(key, WorkerCount())
        bars.append(
            TeamBar(
                key, label, c.onder_druk, c.with_signal - c.onder_druk, c.measures - c.with_signal
            )
        )
    return list(reversed(bars))  # first worker at the top


class ChartsPanel(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chartsPanel")
        self.contact = ContactChart()
        self.trend = TrendChart()
        self.team = TeamChart()
        self.load = LoadChart()
        self.addTab(self.contact, "Cliëntcontact per maatregel")
        self.addTab(self.trend, "Verloop per gesprek")
        self.addTab(self.team, "Team")
        self.addTab(self.load, "Werklast team")
        self._stale: dict[QWidget, Callable[[], None]] = {}
        self._team_shown: tuple[str, list[TeamBar]] | None = None
        self._load_shown: tuple[str, list[LoadBar]] | None = None
        self.currentChanged.connect(lambda _i: self._draw_visible())

    def show_worker(
        self,
        signals: list[MeasureSignals],
        conversations: Callable[[], list[Conversation]],
        team: str,
        bars: Callable[[], list[TeamBar]],
        children: Mapping[str, str] | None = None,
        loads: Callable[[], list[LoadBar]] = list,
    ) -> None:
        """Show a worker. Only the visible chart is drawn now, and the others when their tab
        is opened: each takes tens of milliseconds, too much to pay three times per click.
        `conversations` and `bars` load their data, so that is only read when drawn too.
        `children` names the child per maatregel_id, shown beside the id; `loads` gives
        the team's load bars."""
        self._stale = {
            self.contact: lambda: self.contact.set_signals(signals, children),
            self.trend: lambda: self.trend.set_conversations(conversations()),
            self.team: lambda: self._show_team(team, bars()),
            self.load: lambda: self._show_load(team, loads()),
        }
        self._draw_visible()

    def _draw_visible(self) -> None:
        draw = self._stale.pop(self.currentWidget(), None)
        if draw is not None:
            draw()

    def _show_team(self, team: str, bars: list[TeamBar]) -> None:
        if self._team_shown == (team, bars):
            return  # a colleague in the same team: the same picture
        self._team_shown = (team, bars)
        self.team.set_bars(f"Team {team}: onder druk / ander signaal / in orde", bars)

    def _show_load(self, team: str, bars: list[LoadBar]) -> None:
        if self._load_shown == (team, bars):
            return
        self._load_shown = (team, bars)
        self.load.set_bars(f"Team {team}: belasting per medewerker", bars)

"""Prefect's flow-run heartbeats are off in fazhi's runs unless PREFECT_FLOWS_HEARTBEAT_FREQUENCY asks for them
(fazhi.flows.pipeline.heartbeats_as_configured): their thread costs up to a second at the end of every run."""
from __future__ import annotations

from prefect.settings import get_current_settings

from fazhi.flows.pipeline import heartbeats_as_configured


def test_heartbeats_are_off_inside_a_run_by_default(monkeypatch):
    monkeypatch.delenv("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", raising=False)
    with heartbeats_as_configured():
        assert get_current_settings().flows.heartbeat_frequency is None
    assert get_current_settings().flows.heartbeat_frequency is not None, "only inside the run"


def test_a_heartbeat_frequency_the_user_set_is_kept(monkeypatch):
    monkeypatch.setenv("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "45")   # Prefect read it when it loaded: left alone
    outside = get_current_settings().flows.heartbeat_frequency
    with heartbeats_as_configured():
        assert get_current_settings().flows.heartbeat_frequency == outside is not None

import pytest

from conftest import TODAY
from taizhang.enterprises import services
from taizhang.enterprises.codes import simulated_uscc
from taizhang.ledgers import workflow


@pytest.fixture
def make_cluster(actors):
    counter = iter(range(1, 10_000))

    def make(**data):
        n = next(counter)
        values = {"name": f"测试集群{n}", "tier": "hundred_yi", "measure": "output"} | data
        return services.create_cluster(actor=actors["dave"], data=values)

    return make


@pytest.fixture
def make_enterprise(actors, units):
    """An enterprise in 榆次区 (registered by the 督查 account) with a valid simulated code."""
    counter = iter(range(1, 10_000))

    def make(**data):
        n = next(counter)
        values = {"name": f"测试企业{n}", "uscc": simulated_uscc(n), "location": units["yc"]} | data
        return services.create_enterprise(actor=actors["dave"], data=values)

    return make


@pytest.fixture
def figure_for(actors):
    """figure_for(enterprise, "2025-10", revenue=…, output=…, state="approved"): yan writes, yao reviews."""

    def make(
        enterprise, period, *, revenue=None, output=None, state="approved", reporter="yan", reviewer="yao"
    ):
        figure = services.save_figure(
            actor=actors[reporter],
            enterprise=enterprise,
            period=period,
            today=TODAY,
            data={
                "revenue": "" if revenue is None else str(revenue),
                "output": "" if output is None else str(output),
            },
        )
        if state in {"submitted", "approved"}:
            figure = workflow.submit(actor=actors[reporter], report=figure)
        if state == "approved":
            figure = workflow.approve(actor=actors[reviewer], report=figure)
        return figure

    return make

"""Clusters, enterprises and figures are written through the services: access, the kernel's code check,
nothing half-saved, history on every row, figures on the one review workflow."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import TODAY
from taizhang.enterprises import services
from taizhang.enterprises.codes import simulated_uscc
from taizhang.enterprises.models import Enterprise
from taizhang.ledgers import workflow

GOOD = simulated_uscc(42)


def test_a_simulated_code_passes_the_kernel():
    from taizhang.core.enterprises import validate_uscc

    assert validate_uscc(GOOD) == GOOD
    assert len({simulated_uscc(n) for n in range(500)}) == 500


def test_the_supervisor_registers_an_enterprise_with_its_code_normalised(actors, units, make_cluster):
    cluster = make_cluster(name="装备制造")
    enterprise = services.create_enterprise(
        actor=actors["dave"],
        data={
            "name": "晋中某装备公司",
            "uscc": " " + GOOD.lower() + " ",
            "location": units["yc"],
            "clusters": ["装备制造"],
            "above_scale": "on",
            "specialised": "provincial",
        },
    )
    assert enterprise.uscc == GOOD
    assert list(enterprise.clusters.all()) == [cluster]
    assert enterprise.above_scale and not enterprise.new_quality
    assert enterprise.history.first().history_user == actors["dave"]


def test_a_bad_code_is_refused_with_the_kernels_message_naming_the_field(actors, units):
    bad = GOOD[:-1] + ("0" if GOOD[-1] != "0" else "1")
    with pytest.raises(ValidationError) as caught:
        services.create_enterprise(
            actor=actors["dave"], data={"name": "某公司", "uscc": bad, "location": units["yc"]}
        )
    message = caught.value.message_dict["uscc"][0]
    assert "统一社会信用代码" in message and "第18位校验码" in message
    assert not Enterprise.objects.exists()


def test_a_code_registered_twice_is_refused(make_enterprise, units, actors):
    make_enterprise(uscc=GOOD)
    with pytest.raises(ValidationError) as caught:
        make_enterprise(uscc=GOOD)
    assert "uscc" in caught.value.message_dict


def test_a_county_reporter_registers_enterprises_of_their_own_county_only(actors, units):
    services.create_enterprise(
        actor=actors["yan"], data={"name": "榆次企业", "uscc": GOOD, "location": units["yc"]}
    )
    with pytest.raises(PermissionDenied):
        services.create_enterprise(
            actor=actors["yan"], data={"name": "太谷企业", "uscc": simulated_uscc(7), "location": units["tg"]}
        )
    for who in ("yao", "alice", "leo"):
        with pytest.raises(PermissionDenied):
            services.create_enterprise(
                actor=actors[who], data={"name": "某企业", "uscc": simulated_uscc(8), "location": units["yc"]}
            )


def test_no_moving_an_enterprise_into_another_county(actors, units, make_enterprise):
    enterprise = make_enterprise()
    with pytest.raises(PermissionDenied):
        services.update_enterprise(actor=actors["yan"], enterprise=enterprise, data={"location": units["tg"]})
    enterprise.refresh_from_db()
    assert enterprise.location == units["yc"]


def test_a_location_must_be_a_county_level_unit(actors, units):
    with pytest.raises(ValidationError) as caught:
        services.create_enterprise(
            actor=actors["dave"], data={"name": "某", "uscc": GOOD, "location": units["gxj"]}
        )
    assert "location" in caught.value.message_dict


def test_only_supervisors_and_admins_keep_the_cluster_list(actors, make_cluster):
    make_cluster(name="煤炭", tier="thousand_yi", target_scale="10000000", target_year="2027")
    for who in ("yan", "alice", "leo", "bob"):
        with pytest.raises(PermissionDenied):
            services.create_cluster(actor=actors[who], data={"name": "文旅", "tier": "thousand_yi"})
    services.create_cluster(actor=actors["adam"], data={"name": "文旅", "tier": "thousand_yi"})


def test_a_bad_cluster_is_refused_field_by_field(actors):
    with pytest.raises(ValidationError) as caught:
        services.create_cluster(
            actor=actors["dave"],
            data={"name": "", "tier": "huge", "target_scale": "-1", "target_year": "明年"},
        )
    assert set(caught.value.message_dict) == {"name", "tier", "target_scale", "target_year"}


def test_figures_go_through_the_one_workflow_in_the_enterprises_county(actors, make_enterprise, figure_for):
    enterprise = make_enterprise()
    figure = figure_for(enterprise, "2025-10", revenue=1200, output=1300, state="draft")
    assert figure.unit == enterprise.location and figure.state == "draft"
    figure = workflow.submit(actor=actors["yan"], report=figure)
    figure = workflow.approve(actor=actors["yao"], report=figure)
    assert figure.state == "approved" and figure.revenue == Decimal("1200")
    with pytest.raises(ValidationError):  # approved: no more editing
        services.save_figure(
            actor=actors["yan"], enterprise=enterprise, period="2025-10", today=TODAY, data={}
        )


def test_another_county_cannot_report_an_enterprises_figures(actors, make_enterprise):
    enterprise = make_enterprise()
    with pytest.raises(PermissionDenied):
        services.save_figure(
            actor=actors["tim"], enterprise=enterprise, period="2025-10", today=TODAY, data={"revenue": "1"}
        )


def test_bad_figures_are_refused_naming_the_field(actors, make_enterprise):
    enterprise = make_enterprise()
    with pytest.raises(ValidationError) as caught:
        services.save_figure(
            actor=actors["yan"],
            enterprise=enterprise,
            period="2025-10",
            today=TODAY,
            data={"revenue": "很多", "output": "-5"},
        )
    assert set(caught.value.message_dict) == {"revenue", "output"}
    with pytest.raises(ValidationError) as caught:
        services.save_figure(
            actor=actors["yan"], enterprise=enterprise, period="2025-12", today=TODAY, data={"revenue": "1"}
        )
    assert "period" in caught.value.message_dict


def test_a_figure_without_any_amount_cannot_be_submitted(actors, make_enterprise, figure_for):
    figure = figure_for(make_enterprise(), "2025-10", state="draft")
    with pytest.raises(ValidationError) as caught:
        workflow.submit(actor=actors["yan"], report=figure)
    assert "revenue" in caught.value.message_dict

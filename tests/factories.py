"""factory_boy factories for tests that need their own small worlds rather than the demo."""
import datetime

import factory

from planeval.accounts.models import Role, RoleAssignment, User
from planeval.campaigns.models import Campaign
from planeval.organizations.models import Jurisdiction, Unit
from planeval.planning.models import Indicator, Plan, Task
from planeval.planning.services import indicator_apply_target


class JurisdictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jurisdiction

    name = factory.Sequence(lambda n: f"测试{n}区")
    level = Jurisdiction.Level.DISTRICT


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    name = factory.Sequence(lambda n: f"区测试{n}局")


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    kind = Plan.Kind.OUTLINE
    name = factory.Sequence(lambda n: f"测试规划纲要{n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    plan = factory.SubFactory(PlanFactory)
    name = factory.Sequence(lambda n: f"测试指标{n}")
    measure_unit = "家"
    target_text = "累计 150"
    lead_unit = factory.SubFactory(UnitFactory, jurisdiction=factory.SelfAttribute("..plan.jurisdiction"))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        indicator = model_class(*args, **kwargs)
        indicator_apply_target(indicator)
        indicator.save()
        return indicator


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"测试任务{n}")


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    name = factory.Sequence(lambda n: f"测试中期评估{n}")
    annual_cutoff = datetime.date(2022, 12, 31)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.OBSERVER
    jurisdiction = factory.SubFactory(JurisdictionFactory)

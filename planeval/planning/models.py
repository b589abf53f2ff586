"""What a plan promises: plans, indicators with parsed targets, task trees and projects."""
from django.conf import settings
from django.db import models

from planeval.domain.targets import Direction, TargetKind


class Plan(models.Model):
    class Kind(models.TextChoices):
        OUTLINE = "outline", "规划纲要"
        SPECIAL = "special", "专项规划"
        REGIONAL = "regional", "区域规划"
        SPATIAL = "spatial", "空间规划"
        UPPER_LEVEL = "upper_level", "上级规划"

    jurisdiction = models.ForeignKey(
        "organizations.Jurisdiction", on_delete=models.PROTECT, related_name="plans",
        verbose_name="行政区划",
    )
    kind = models.CharField("规划类型", max_length=12, choices=Kind.choices)
    number = models.CharField("序号", max_length=10, blank=True)
    category = models.CharField("类别", max_length=30, blank=True)
    name = models.CharField("规划名称", max_length=200)
    lead_unit = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, null=True, blank=True,
        related_name="led_plans", verbose_name="牵头部门",
    )
    outline = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="supporting_plans",
        verbose_name="所属规划纲要", limit_choices_to={"kind": Kind.OUTLINE},
    )
    start_year = models.PositiveSmallIntegerField("起始年份", default=2021)
    end_year = models.PositiveSmallIntegerField("终止年份", default=2025)

    class Meta:
        verbose_name = "规划"
        verbose_name_plural = "规划"
        ordering = ["jurisdiction_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "name"], name="unique_plan_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    """A label on tasks and projects: 四个重大 (major platform/project/policy/reform), 上级任务 …"""

    name = models.CharField("标签", max_length=30, unique=True)

    class Meta:
        verbose_name = "标签"
        verbose_name_plural = "标签"

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    class Attribute(models.TextChoices):
        ANTICIPATORY = "anticipatory", "预期性"
        BINDING = "binding", "约束性"

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="indicators", verbose_name="规划")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="parts",
        verbose_name="上级指标", help_text="分项目标（如重点培育产业税收占比的四个产业）",
    )
    category = models.CharField("类别", max_length=30, blank=True)
    number = models.CharField("序号", max_length=10, blank=True)
    position = models.PositiveIntegerField("排序", default=0)
    name = models.CharField("指标名称", max_length=200)
    measure_unit = models.CharField("计量单位", max_length=30, blank=True)
    baseline = models.DecimalField("基期值", max_digits=20, decimal_places=6, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField("基期年份", default=2020)
    baseline_is_sample = models.BooleanField("基期值为示例数据", default=False)
    target_text = models.CharField("目标值（原文）", max_length=200, blank=True)
    target = models.JSONField("解析后的目标", default=dict, blank=True, editable=False)
    target_kind = models.CharField(
        "目标类型", max_length=16, choices=[(k.value, k.value) for k in TargetKind],
        default=TargetKind.QUALITATIVE, editable=False,
    )
    direction = models.CharField(
        "方向", max_length=8, choices=[(Direction.HIGHER.value, "越高越好"), (Direction.LOWER.value, "越低越好")],
        default=Direction.HIGHER,
    )
    attribute = models.CharField("指标属性", max_length=14, choices=Attribute.choices,
                                 default=Attribute.ANTICIPATORY)
    lead_unit = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, null=True, blank=True,
        related_name="led_indicators", verbose_name="责任部门",
    )
    co_units = models.ManyToManyField(
        "organizations.Unit", blank=True, related_name="co_indicators", verbose_name="配合部门"
    )
    note = models.TextField("备注", blank=True)
    is_cancelled = models.BooleanField("已取消（经规划调整）", default=False, editable=False)
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    class Meta:
        verbose_name = "指标"
        verbose_name_plural = "指标"
        ordering = ["plan_id", "position", "id"]
        constraints = [
            # Two partial constraints because SQLite cannot treat NULLs as equal.
            models.UniqueConstraint(fields=["plan", "parent", "name"], name="unique_part_name",
                                    condition=models.Q(parent__isnull=False)),
            models.UniqueConstraint(fields=["plan", "name"], name="unique_indicator_name",
                                    condition=models.Q(parent__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.number}、{self.name}" if self.number else self.name

    @property
    def is_binding(self) -> bool:
        return self.attribute == self.Attribute.BINDING


class IndicatorTarget(models.Model):
    """One version of an indicator's target: version 1 is the published one, later ones come from
    approved adjustments (or a recorded correction). Never changed once written; the indicator's
    own ``target_text``/``target`` mirror the newest version."""

    class Source(models.TextChoices):
        PUBLISHED = "published", "规划发布"
        ADJUSTMENT = "adjustment", "规划调整"
        CORRECTION = "correction", "更正"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="target_versions",
                                  verbose_name="指标")
    number = models.PositiveSmallIntegerField("版本号")
    target_text = models.CharField("目标值（原文）", max_length=200, blank=True)
    target = models.JSONField("解析后的目标", default=dict, blank=True)
    target_kind = models.CharField("目标类型", max_length=16)
    source = models.CharField("来源", max_length=12, choices=Source.choices, default=Source.PUBLISHED)
    valid_from = models.DateField("生效日期", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="登记人")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "指标目标版本"
        verbose_name_plural = "指标目标版本"
        ordering = ["indicator_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "number"], name="one_target_version_number"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name} 第{self.number}版：{self.target_text}"


class TaskQuerySet(models.QuerySet):
    def leaves(self) -> "TaskQuerySet":
        """Tasks without children: the items units report on (areas and sections are headings).

        An anti-join (NOT EXISTS) rather than ``children__isnull=True``: the LEFT JOIN that the
        latter builds makes PostgreSQL scan every task of every plan, 35 times slower at province
        scale (12,000 tasks), where NOT EXISTS probes the parent index.
        """
        return self.exclude(models.Exists(Task.objects.filter(parent=models.OuterRef("pk"))))


class Task(models.Model):
    """A task tree of any depth: areas → sections → items (Putuo: 8 → 34 → 112)."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="tasks", verbose_name="规划")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name="上级任务",
    )
    depth = models.PositiveSmallIntegerField("层级", default=0, editable=False)
    number = models.CharField("序号", max_length=12, blank=True)
    position = models.PositiveIntegerField("排序", default=0)
    title = models.CharField("任务", max_length=300)
    content = models.TextField("主要内容", blank=True)
    lead_unit = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, null=True, blank=True,
        related_name="led_tasks", verbose_name="牵头单位",
    )
    co_units = models.ManyToManyField(
        "organizations.Unit", blank=True, related_name="co_tasks", verbose_name="配合单位"
    )
    co_units_note = models.CharField("其他责任主体", max_length=120, blank=True,
                                     help_text="如：各投促分中心、各街镇")
    tags = models.ManyToManyField(Tag, blank=True, related_name="tasks", verbose_name="标签")
    is_upper_level = models.BooleanField("上级规划涉及本地的任务", default=False)
    is_cancelled = models.BooleanField("已取消（经规划调整）", default=False, editable=False)
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = "任务"
        verbose_name_plural = "任务"
        ordering = ["plan_id", "position", "id"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    @property
    def is_leaf(self) -> bool:
        return not self.children.exists()


class Project(models.Model):
    class Status(models.TextChoices):
        PREPARING = "preparing", "前期论证"
        ABOUT_TO_START = "about_to_start", "即将开工"
        UNDER_CONSTRUCTION = "under_construction", "开工在建"
        COMPLETED = "completed", "已建成"
        CANCELLED = "cancelled", "已取消"

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="projects", verbose_name="规划")
    task = models.ForeignKey(Task, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="projects", verbose_name="相关任务")
    name = models.CharField("项目名称", max_length=200)
    lead_unit = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, null=True, blank=True,
        related_name="led_projects", verbose_name="牵头单位",
    )
    total_investment = models.DecimalField("总投资（亿元）", max_digits=14, decimal_places=4,
                                           null=True, blank=True)
    completed_investment = models.DecimalField("已完成投资（亿元）", max_digits=14, decimal_places=4,
                                               null=True, blank=True)
    starts_on = models.DateField("计划开工", null=True, blank=True)
    finishes_on = models.DateField("计划建成", null=True, blank=True)
    status = models.CharField("项目状态", max_length=20, choices=Status.choices, default=Status.PREPARING)
    tags = models.ManyToManyField(Tag, blank=True, related_name="projects", verbose_name="标签")
    is_sample = models.BooleanField("示例数据", default=False)
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    class Meta:
        verbose_name = "重大项目"
        verbose_name_plural = "重大项目"
        ordering = ["plan_id", "id"]

    def __str__(self) -> str:
        return self.name

"""Who governs and who works: jurisdictions, their units, unit aliases and liaisons."""
from django.db import models


class Jurisdiction(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", "省（自治区、直辖市）"
        CITY = "city", "市"
        DISTRICT = "district", "区"
        COUNTY = "county", "县"

    name = models.CharField("名称", max_length=50)
    full_name = models.CharField("全称", max_length=100, blank=True)
    level = models.CharField("层级", max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name="上级行政区划",
    )

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["id"]
        constraints = [
            # Two partial constraints because SQLite cannot treat NULLs as equal.
            models.UniqueConstraint(fields=["parent", "name"], name="unique_jurisdiction_name",
                                    condition=models.Q(parent__isnull=False)),
            models.UniqueConstraint(fields=["name"], name="unique_top_jurisdiction_name",
                                    condition=models.Q(parent__isnull=True)),
        ]

    def __str__(self) -> str:
        return self.full_name or self.name


class Unit(models.Model):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", "部门"
        STREET = "street", "街道"
        TOWN = "town", "镇（乡）"
        ZONE = "zone", "重点地区/园区"
        COMPANY = "company", "企业"

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="units", verbose_name="行政区划"
    )
    name = models.CharField("简称", max_length=60)
    full_name = models.CharField("全称", max_length=120, blank=True)
    kind = models.CharField("类型", max_length=12, choices=Kind.choices, default=Kind.DEPARTMENT)
    is_active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["jurisdiction_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "name"], name="unique_unit_name"),
        ]

    def __str__(self) -> str:
        return self.name


class UnitAlias(models.Model):
    """Another name a spreadsheet may use for a unit (区科委 / 区科学技术委员会)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aliases", verbose_name="单位")
    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="unit_aliases", verbose_name="行政区划",
        editable=False,
    )
    alias = models.CharField("别名", max_length=120)

    class Meta:
        verbose_name = "单位别名"
        verbose_name_plural = "单位别名"
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "alias"], name="unique_alias_in_jurisdiction"),
        ]

    def __str__(self) -> str:
        return f"{self.alias} → {self.unit.name}"


class Contact(models.Model):
    """The liaison a unit names for an evaluation (the seeds' 联系人 forms)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="contacts", verbose_name="单位")
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, null=True, blank=True,
        related_name="contacts", verbose_name="评估工作",
    )
    name = models.CharField("姓名", max_length=50)
    post = models.CharField("职务", max_length=60, blank=True)
    department = models.CharField("科室", max_length=60, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        verbose_name = "联系人"
        verbose_name_plural = "联系人"
        ordering = ["unit_id", "id"]

    def __str__(self) -> str:
        return f"{self.unit.name} {self.name}"

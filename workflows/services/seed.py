"""Default approval chains and request types, created idempotently (the demo seed and tests call this)."""

from dataclasses import dataclass

from django.db import transaction

from wagtail.models import Page, Task, Workflow, WorkflowPage, WorkflowTask

from cms.roles import ROLES
from cms.services import organisation_provision, role_group
from content_types.models import OrganisationLevel, OrganisationPage
from workflows.models import FieldType, NamedGroupTask, OrganisationReviewerTask, RequestField, RequestType

EDITORIAL_WORKFLOW = "内容发布审核"


@dataclass(frozen=True)
class Step:
    name: str
    role: str = "reviewer"
    levels_up: int = 0
    target_level: str = ""
    days: int = 3
    condition: tuple[str, str, str] = ("", "gt", "")


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    type: str = FieldType.TEXT
    required: bool = True
    help: str = ""
    choices: tuple[str, ...] = ()
    min_value: str | None = None
    max_value: str | None = None
    sensitive: bool = False


@dataclass(frozen=True)
class RequestTypeSpec:
    name: str
    slug: str
    description: str
    chain: tuple[str, ...]
    fields: tuple[FieldSpec, ...]
    applicant_roles: tuple[str, ...] = ()
    ledger_field: str = ""


OVER_2000 = ("amount", "gt", "2000")

STEPS = {
    # Editorial review of pages.
    "本单位审核": Step("本单位审核", days=2),
    "上级分工会审核": Step("上级分工会审核", target_level=OrganisationLevel.BRANCH, days=3),
    "公司工会宣传部审核（首页推荐）": Step(
        "公司工会宣传部审核（首页推荐）",
        target_level=OrganisationLevel.COMPANY,
        days=2,
        condition=("featured", "true", ""),
    ),
    # Requests.
    "本单位工会审核": Step("本单位工会审核", days=3),
    "分工会审核": Step("分工会审核", target_level=OrganisationLevel.BRANCH, days=3),
    "分工会财务审核": Step("分工会财务审核", role="finance", target_level=OrganisationLevel.BRANCH, days=3),
    "公司工会审批": Step("公司工会审批", target_level=OrganisationLevel.COMPANY, days=5),
    "公司工会审批（金额超过2000元）": Step(
        "公司工会审批（金额超过2000元）", target_level=OrganisationLevel.COMPANY, days=5, condition=OVER_2000
    ),
}
COUNTERSIGN = "公司工会会签（财务、领导）"

PHONE = FieldSpec("phone", "联系电话", FieldType.PHONE, help="手机号码，便于工会联系核实")
ID_CARD = FieldSpec("id_number", "身份证号", FieldType.ID_CARD)

KINDS = (
    RequestTypeSpec(
        "困难职工帮扶申请",
        "hardship-aid",
        "因病、因灾、子女就学等原因造成家庭生活困难的职工，可申请帮扶救助。金额超过2000元须经公司工会审批。",
        ("本单位工会审核", "分工会审核", "公司工会审批（金额超过2000元）", "分工会财务审核"),
        (
            FieldSpec(
                "hardship_type",
                "困难类型",
                FieldType.CHOICE,
                choices=("因病致困", "因灾致困", "子女就学", "单亲家庭", "其他"),
            ),
            FieldSpec("household_size", "家庭人口", FieldType.NUMBER, min_value="1", max_value="20"),
            FieldSpec("monthly_income", "家庭月人均收入（元）", FieldType.MONEY),
            FieldSpec("amount", "申请金额（元）", FieldType.MONEY, min_value="100", max_value="20000"),
            FieldSpec(
                "situation", "困难情况说明", FieldType.TEXTAREA, help="请说明家庭成员、收入和困难原因", sensitive=True
            ),
            ID_CARD,
            PHONE,
            FieldSpec(
                "proof",
                "证明材料",
                FieldType.ATTACHMENT,
                help="低保证、诊断证明、受灾证明等（PDF 或图片）",
                sensitive=True,
            ),
        ),
        ledger_field="amount",
    ),
    RequestTypeSpec(
        "金秋助学申请",
        "autumn-scholarship",
        "职工子女当年考入大学（本科、专科）或研究生的，可申请金秋助学金。",
        ("本单位工会审核", "分工会审核", "公司工会审批（金额超过2000元）"),
        (
            FieldSpec("child_name", "子女姓名"),
            FieldSpec("child_id_number", "子女身份证号", FieldType.ID_CARD),
            FieldSpec("school", "录取院校"),
            FieldSpec(
                "education_level", "录取层次", FieldType.CHOICE, choices=("专科", "本科", "硕士研究生", "博士研究生")
            ),
            FieldSpec("enrolment_date", "入学日期", FieldType.DATE),
            FieldSpec("annual_income", "家庭年收入（元）", FieldType.MONEY),
            FieldSpec("amount", "申请金额（元）", FieldType.MONEY, min_value="500", max_value="10000"),
            PHONE,
            FieldSpec("admission_letter", "录取通知书", FieldType.ATTACHMENT),
        ),
        ledger_field="amount",
    ),
    RequestTypeSpec(
        "大病救助申请",
        "critical-illness-aid",
        "职工本人或直系亲属患重大疾病、自付医疗费用较高的，可申请大病救助。须公司工会财务和领导会签。",
        ("本单位工会审核", "分工会审核", COUNTERSIGN),
        (
            FieldSpec("patient_name", "患者姓名"),
            FieldSpec("relationship", "与本人关系", FieldType.CHOICE, choices=("本人", "配偶", "子女", "父母")),
            FieldSpec("patient_id_number", "患者身份证号", FieldType.ID_CARD),
            FieldSpec("diagnosis", "疾病诊断", FieldType.TEXTAREA, sensitive=True),
            FieldSpec("hospital", "就诊医院"),
            FieldSpec("total_cost", "医疗总费用（元）", FieldType.MONEY),
            FieldSpec("reimbursed", "医保已报销（元）", FieldType.MONEY),
            FieldSpec("amount", "申请救助金额（元）", FieldType.MONEY, min_value="500", max_value="50000"),
            PHONE,
            FieldSpec("medical_records", "诊断证明及费用清单", FieldType.ATTACHMENT, sensitive=True),
        ),
        ledger_field="amount",
    ),
    RequestTypeSpec(
        "活动经费申请",
        "activity-funds",
        "基层工会开展文体活动、劳动竞赛、职工培训等申请工会经费。金额超过2000元须经公司工会审批。",
        ("本单位工会审核", "分工会财务审核", "公司工会审批（金额超过2000元）"),
        (
            FieldSpec("activity_name", "活动名称"),
            FieldSpec(
                "activity_type",
                "活动类型",
                FieldType.CHOICE,
                choices=("文体活动", "劳动竞赛", "职工培训", "节日慰问", "其他"),
            ),
            FieldSpec("activity_date", "活动日期", FieldType.DATE),
            FieldSpec("participants", "参加人数", FieldType.NUMBER, min_value="1", max_value="5000"),
            FieldSpec("content", "活动内容及预算说明", FieldType.TEXTAREA),
            FieldSpec("amount", "申请经费（元）", FieldType.MONEY, min_value="1", max_value="200000"),
            FieldSpec("budget_sheet", "预算明细表", FieldType.ATTACHMENT, required=False),
        ),
        applicant_roles=("editor", "reviewer", "leader", "finance"),
        ledger_field="amount",
    ),
    RequestTypeSpec(
        "会员入会申请",
        "membership",
        "承认《中国工会章程》、以工资收入为主要生活来源的职工，可申请加入工会。",
        ("本单位工会审核", "分工会审核"),
        (
            FieldSpec("gender", "性别", FieldType.CHOICE, choices=("男", "女")),
            FieldSpec("birth_date", "出生日期", FieldType.DATE),
            ID_CARD,
            FieldSpec("ethnicity", "民族", required=False),
            FieldSpec(
                "political_status", "政治面貌", FieldType.CHOICE, choices=("中共党员", "共青团员", "民主党派", "群众")
            ),
            FieldSpec(
                "education", "文化程度", FieldType.CHOICE, choices=("初中及以下", "高中/中专", "大专", "本科", "研究生")
            ),
            FieldSpec("position", "工作岗位"),
            FieldSpec("employment_date", "参加工作时间", FieldType.DATE),
            PHONE,
            FieldSpec("statement", "入会志愿", FieldType.TEXTAREA, help="本人承认《中国工会章程》，自愿加入工会……"),
        ),
    ),
    RequestTypeSpec(
        "疗休养报名",
        "recuperation",
        "劳动模范、一线职工疗休养报名，由公司工会统筹安排批次。",
        ("本单位工会审核", "分工会审核", "公司工会审批"),
        (
            FieldSpec(
                "batch",
                "疗休养批次",
                FieldType.CHOICE,
                choices=("第一期（北戴河）", "第二期（青岛）", "第三期（黄山）"),
            ),
            FieldSpec("preferred_date", "期望出发日期", FieldType.DATE, required=False),
            FieldSpec("years_of_service", "工龄（年）", FieldType.NUMBER, min_value="0", max_value="50"),
            FieldSpec("model_worker", "是否劳动模范", FieldType.CHOICE, choices=("是", "否")),
            FieldSpec(
                "activities",
                "意向项目",
                FieldType.MULTICHOICE,
                required=False,
                choices=("健康体检", "康复理疗", "红色教育", "文化参观"),
            ),
            FieldSpec(
                "health", "健康状况", FieldType.TEXTAREA, help="如有慢性病或不宜参加的项目请说明", sensitive=True
            ),
            ID_CARD,
            FieldSpec("emergency_contact", "紧急联系人"),
            FieldSpec("emergency_phone", "紧急联系人电话", FieldType.PHONE),
        ),
    ),
)


def _reviewer_task(step: Step) -> OrganisationReviewerTask:
    field_name, operator, value = step.condition
    task, _ = OrganisationReviewerTask.objects.get_or_create(
        name=step.name,
        defaults={
            "role": step.role,
            "levels_up": step.levels_up,
            "target_level": step.target_level,
            "time_limit_days": step.days,
            "condition_field": field_name,
            "condition_operator": operator,
            "condition_value": value,
        },
    )
    return task


def _countersign_task(company: OrganisationPage | None) -> Task | None:
    existing = NamedGroupTask.objects.filter(name=COUNTERSIGN).first()
    if existing or company is None:
        return existing
    groups = organisation_provision(organisation=company)
    task = NamedGroupTask.objects.create(name=COUNTERSIGN, countersign=True, time_limit_days=5)
    task.groups.set([groups["finance"], groups["leader"]])
    return task


def _workflow(name: str, tasks: list[Task]) -> Workflow:
    workflow, created = Workflow.objects.get_or_create(name=name)
    if created:
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def _request_type(kind: RequestTypeSpec, workflow: Workflow) -> RequestType:
    request_type = RequestType.objects.filter(slug=kind.slug).first()
    if request_type:
        return request_type
    request_type = RequestType.objects.create(
        name=kind.name,
        slug=kind.slug,
        description=kind.description,
        workflow=workflow,
        ledger_field=kind.ledger_field,
        sort_order=KINDS.index(kind),
    )
    for order, spec in enumerate(kind.fields):
        RequestField.objects.create(
            request_type=request_type,
            sort_order=order,
            name=spec.name,
            label=spec.label,
            field_type=spec.type,
            required=spec.required,
            help_text=spec.help,
            choices="\n".join(spec.choices),
            min_value=spec.min_value,
            max_value=spec.max_value,
            sensitive=spec.sensitive,
        )
    if kind.applicant_roles:
        request_type.applicant_groups.set([role_group(ROLES[code]) for code in kind.applicant_roles])
        request_type.save()  # parental many-to-many relations are written when the cluster is saved
    return request_type


@transaction.atomic
def workflows_seed(*, company: OrganisationPage | None = None) -> dict:
    """Editorial workflow on the whole site, the approval tasks and the six default request types (idempotent)."""
    company = company or OrganisationPage.objects.filter(level=OrganisationLevel.COMPANY).order_by("path").first()
    tasks: dict[str, Task] = {name: _reviewer_task(step) for name, step in STEPS.items()}
    countersign = _countersign_task(company)
    tasks[COUNTERSIGN] = countersign or tasks["公司工会审批"]

    editorial = _workflow(
        EDITORIAL_WORKFLOW, [tasks["本单位审核"], tasks["上级分工会审核"], tasks["公司工会宣传部审核（首页推荐）"]]
    )
    site_root = Page.objects.filter(depth=2).order_by("path").first()
    if site_root is not None and not WorkflowPage.objects.filter(page=site_root).exists():
        WorkflowPage.objects.create(page=site_root, workflow=editorial)

    request_types = [
        _request_type(
            kind, _workflow(kind.name.replace("申请", "").replace("报名", "") + "审批", [tasks[s] for s in kind.chain])
        )
        for kind in KINDS
    ]
    return {"editorial_workflow": editorial, "request_types": request_types, "tasks": tasks}

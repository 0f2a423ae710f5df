"""An organisation tree, people per role (created when a test first needs them) and the seeded workflows.

公司工会 → 一号煤矿分工会 → 综采一队基层工会, and 公司工会 → 二号煤矿分工会 → 掘进二队基层工会.
"""

import pytest
from rest_framework.test import APIClient

from cms.models import User
from cms.services import organisation_provision, roles_sync, user_assign_role
from content_types.factories import OrganisationPageFactory
from content_types.models import OrganisationLevel
from workflows.services.seed import workflows_seed

# attribute: (role, organisation attribute, display name, username)
PEOPLE = {
    "worker": ("worker", "grassroots", "王师傅", "worker"),
    "worker2": ("worker", "grassroots", "李师傅", "worker2"),
    "other_worker": ("worker", "other_grassroots", "赵师傅", "other-worker"),
    "editor": ("editor", "grassroots", "宣传干事", "editor"),
    "grassroots_reviewer": ("reviewer", "grassroots", "基层主席", "grassroots-reviewer"),
    "branch_reviewer": ("reviewer", "branch", "分工会主席", "branch-reviewer"),
    "branch_reviewer2": ("reviewer", "branch", "分工会副主席", "branch-reviewer2"),
    "branch_finance": ("finance", "branch", "分工会财务", "branch-finance"),
    "branch_leader": ("leader", "branch", "分工会领导", "branch-leader"),
    "branch_editor": ("editor", "branch", "分工会宣传干事", "branch-editor"),
    "company_reviewer": ("reviewer", "company", "公司工会宣传部", "company-reviewer"),
    "company_finance": ("finance", "company", "公司工会财务", "company-finance"),
    "company_leader": ("leader", "company", "公司工会领导", "company-leader"),
    "trainer": ("trainer", "grassroots", "培训讲师", "trainer"),
    "admin": ("admin", "company", "系统管理员", "admin"),
    "other_reviewer": ("reviewer", "other_branch", "二矿分工会主席", "other-reviewer"),
    "other_grassroots_reviewer": ("reviewer", "other_grassroots", "掘进二队主席", "other-grassroots-reviewer"),
    "other_finance": ("finance", "other_branch", "二矿分工会财务", "other-finance"),
}


class Org:
    def __init__(self, home):
        roles_sync()
        self.company = OrganisationPageFactory(title="公司工会", slug="company", level=OrganisationLevel.COMPANY)
        self.branch = OrganisationPageFactory(title="一号煤矿分工会", slug="mine-1", parent=self.company)
        self.grassroots = OrganisationPageFactory(
            title="综采一队基层工会", slug="team-1", parent=self.branch, level=OrganisationLevel.GRASSROOTS
        )
        self.other_branch = OrganisationPageFactory(title="二号煤矿分工会", slug="mine-2", parent=self.company)
        self.other_grassroots = OrganisationPageFactory(
            title="掘进二队基层工会", slug="team-2", parent=self.other_branch, level=OrganisationLevel.GRASSROOTS
        )
        for organisation in (self.company, self.branch, self.grassroots, self.other_branch, self.other_grassroots):
            organisation_provision(organisation=organisation)
        self.seed = workflows_seed(company=self.company)
        self._people: dict[str, User] = {}

    def __getattr__(self, name):
        if name.startswith("_") or name not in PEOPLE:
            raise AttributeError(name)
        if name not in self._people:
            role, organisation, display_name, username = PEOPLE[name]
            user = User.objects.create_user(
                username, email=f"{username}@union.local", password="x", display_name=display_name
            )
            self._people[name] = user_assign_role(user=user, role=role, organisation=getattr(self, organisation))
        return self._people[name]

    def request_type(self, slug):
        return next(t for t in self.seed["request_types"] if t.slug == slug)

    def applicant_for(self, slug) -> User:
        # Activity funds are requested by union officers, everything else by workers.
        return self.editor if slug == "activity-funds" else self.worker

    @property
    def approvers(self) -> list[User]:
        return [
            self.grassroots_reviewer,
            self.branch_reviewer,
            self.branch_finance,
            self.company_reviewer,
            self.company_finance,
            self.company_leader,
        ]


@pytest.fixture
def org(home):
    return Org(home)


@pytest.fixture
def api():
    def client_for(user: User | None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return client_for

"""An organisation tree with one person per role where approvals happen, and the seeded workflows.

公司工会 → 一号煤矿分工会 → 综采一队基层工会, and 公司工会 → 二号煤矿分工会 → 掘进二队基层工会.
"""

import pytest
from rest_framework.test import APIClient

from cms.models import User
from cms.services import organisation_provision, roles_sync, user_assign_role
from content_types.factories import OrganisationPageFactory
from content_types.models import OrganisationLevel
from workflows.services.seed import workflows_seed


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
        self.users: dict[str, User] = {}
        self.worker = self.person("worker", self.grassroots, "王师傅")
        self.worker2 = self.person("worker", self.grassroots, "李师傅", username="worker2")
        self.other_worker = self.person("worker", self.other_grassroots, "赵师傅", username="other-worker")
        self.editor = self.person("editor", self.grassroots, "宣传干事")
        self.grassroots_reviewer = self.person("reviewer", self.grassroots, "基层主席")
        self.branch_reviewer = self.person("reviewer", self.branch, "分工会主席")
        self.branch_reviewer2 = self.person("reviewer", self.branch, "分工会副主席", username="branch-reviewer2")
        self.branch_finance = self.person("finance", self.branch, "分工会财务")
        self.branch_leader = self.person("leader", self.branch, "分工会领导")
        self.company_reviewer = self.person("reviewer", self.company, "公司工会宣传部")
        self.company_finance = self.person("finance", self.company, "公司工会财务")
        self.company_leader = self.person("leader", self.company, "公司工会领导")
        self.other_reviewer = self.person("reviewer", self.other_branch, "二矿分工会主席", username="other-reviewer")
        self.other_grassroots_reviewer = self.person(
            "reviewer", self.other_grassroots, "掘进二队主席", username="other-grassroots-reviewer"
        )

    def person(self, role, organisation, name, *, username=None) -> User:
        username = username or f"{role}-{organisation.slug}"
        user = User.objects.create_user(username, email=f"{username}@union.local", password="x", display_name=name)
        user_assign_role(user=user, role=role, organisation=organisation)
        self.users[username] = user
        return user

    def request_type(self, slug):
        return next(t for t in self.seed["request_types"] if t.slug == slug)


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

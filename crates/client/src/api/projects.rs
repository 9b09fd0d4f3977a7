//! Projects, groups, tasks and assignments.

use api::projects::{
    AssignmentView, CreateTask, GroupMember, GroupView, Named, ProjectMemberView, ProjectRoleBody,
    ProjectView, TaskView,
};
use gloo_net::http::Request;

use super::{ApiResult, Client, read, read_empty, send, send_json, url};

impl Client {
    /// `GET /orgs/{org}/projects/{project}/members`.
    pub async fn project_people(
        &self,
        org: i64,
        project: i64,
    ) -> ApiResult<Vec<ProjectMemberView>> {
        read(
            send(Request::get(&url(&format!(
                "/orgs/{org}/projects/{project}/members"
            ))))
            .await?,
        )
        .await
    }

    /// `GET /orgs/{org}/projects`.
    pub async fn projects(&self, org: i64) -> ApiResult<Vec<ProjectView>> {
        read(send(Request::get(&url(&format!("/orgs/{org}/projects")))).await?).await
    }

    /// `GET /orgs/{org}/members/{user}/projects`.
    pub async fn member_projects(
        &self,
        org: i64,
        user: i64,
    ) -> ApiResult<Vec<api::projects::MemberProjectView>> {
        read(
            send(Request::get(&url(&format!(
                "/orgs/{org}/members/{user}/projects"
            ))))
            .await?,
        )
        .await
    }

    /// `POST /orgs/{org}/projects`.
    pub async fn create_project(&self, org: i64, name: &str) -> ApiResult<ProjectView> {
        read(
            send_json(
                self.with(Request::post(&url(&format!("/orgs/{org}/projects")))),
                &Named { name: name.into() },
            )
            .await?,
        )
        .await
    }

    /// `POST /orgs/{org}/projects/{p}/claim`.
    pub async fn claim(&self, org: i64, project: i64) -> ApiResult<ProjectView> {
        read(
            send(self.with(Request::post(&url(&format!(
                "/orgs/{org}/projects/{project}/claim"
            )))))
            .await?,
        )
        .await
    }

    /// `PUT` (a role) or `DELETE` (none) `/orgs/{org}/projects/{p}/members/{user}`.
    pub async fn set_project_member(
        &self,
        org: i64,
        project: i64,
        user: i64,
        role: Option<&str>,
    ) -> ApiResult<()> {
        let path = url(&format!("/orgs/{org}/projects/{project}/members/{user}"));
        match role {
            Some(r) => {
                read_empty(
                    send_json(
                        self.with(Request::put(&path)),
                        &ProjectRoleBody { role: r.into() },
                    )
                    .await?,
                )
                .await
            }
            None => read_empty(send(self.with(Request::delete(&path))).await?).await,
        }
    }

    /// `PUT /orgs/{org}/projects/{p}/groups/{g}`.
    pub async fn set_project_group(
        &self,
        org: i64,
        project: i64,
        group: i64,
        role: &str,
    ) -> ApiResult<()> {
        let b = self.with(Request::put(&url(&format!(
            "/orgs/{org}/projects/{project}/groups/{group}"
        ))));
        read_empty(send_json(b, &ProjectRoleBody { role: role.into() }).await?).await
    }

    /// `GET /orgs/{org}/groups`.
    pub async fn groups(&self, org: i64) -> ApiResult<Vec<GroupView>> {
        read(send(Request::get(&url(&format!("/orgs/{org}/groups")))).await?).await
    }

    /// `POST /orgs/{org}/groups`.
    pub async fn create_group(&self, org: i64, name: &str) -> ApiResult<GroupView> {
        read(
            send_json(
                self.with(Request::post(&url(&format!("/orgs/{org}/groups")))),
                &Named { name: name.into() },
            )
            .await?,
        )
        .await
    }

    /// `GET /orgs/{org}/groups/{g}/members`.
    pub async fn members_of_group(&self, org: i64, group: i64) -> ApiResult<Vec<GroupMember>> {
        read(
            send(Request::get(&url(&format!(
                "/orgs/{org}/groups/{group}/members"
            ))))
            .await?,
        )
        .await
    }

    /// `GET /orgs/{org}/projects/{p}/tasks`.
    pub async fn tasks(&self, org: i64, project: i64) -> ApiResult<Vec<TaskView>> {
        read(
            send(Request::get(&url(&format!(
                "/orgs/{org}/projects/{project}/tasks"
            ))))
            .await?,
        )
        .await
    }

    /// `DELETE /orgs/{org}/groups/{g}`.
    pub async fn delete_group(&self, org: i64, group: i64) -> ApiResult<()> {
        read_empty(
            send(self.with(Request::delete(&url(&format!(
                "/orgs/{org}/groups/{group}"
            )))))
            .await?,
        )
        .await
    }

    /// `PATCH /orgs/{org}/groups/{g}`: a new name.
    pub async fn rename_group(&self, org: i64, group: i64, name: &str) -> ApiResult<()> {
        let b = self.with(Request::patch(&url(&format!("/orgs/{org}/groups/{group}"))));
        read_empty(send_json(b, &Named { name: name.into() }).await?).await
    }

    /// `PUT` (join) or `DELETE` (leave) `/orgs/{org}/groups/{g}/members/{user}`.
    pub async fn group_member(&self, org: i64, group: i64, user: i64, join: bool) -> ApiResult<()> {
        let path = url(&format!("/orgs/{org}/groups/{group}/members/{user}"));
        let b = if join {
            Request::put(&path)
        } else {
            Request::delete(&path)
        };
        read_empty(send(self.with(b)).await?).await
    }

    /// `POST /orgs/{org}/projects/{p}/tasks`.
    pub async fn create_task(
        &self,
        org: i64,
        project: i64,
        name: &str,
        mode: api::TaskMode,
    ) -> ApiResult<TaskView> {
        let b = self.with(Request::post(&url(&format!(
            "/orgs/{org}/projects/{project}/tasks"
        ))));
        read(
            send_json(
                b,
                &CreateTask {
                    name: name.into(),
                    mode,
                },
            )
            .await?,
        )
        .await
    }

    /// `PUT /orgs/{org}/projects/{p}/tasks/{t}/groups/{g}`.
    pub async fn assign_group(
        &self,
        org: i64,
        project: i64,
        task: i64,
        group: i64,
    ) -> ApiResult<()> {
        read_empty(
            send(self.with(Request::put(&url(&format!(
                "/orgs/{org}/projects/{project}/tasks/{task}/groups/{group}"
            )))))
            .await?,
        )
        .await
    }

    /// `PUT /orgs/{org}/projects/{p}/tasks/{t}/users/{u}`: one person.
    pub async fn assign_user(&self, org: i64, project: i64, task: i64, user: i64) -> ApiResult<()> {
        read_empty(
            send(self.with(Request::put(&url(&format!(
                "/orgs/{org}/projects/{project}/tasks/{task}/users/{user}"
            )))))
            .await?,
        )
        .await
    }

    /// `GET /orgs/{org}/projects/{p}/tasks/{t}/assignments`.
    pub async fn assignments(
        &self,
        org: i64,
        project: i64,
        task: i64,
    ) -> ApiResult<Vec<AssignmentView>> {
        read(
            send(Request::get(&url(&format!(
                "/orgs/{org}/projects/{project}/tasks/{task}/assignments"
            ))))
            .await?,
        )
        .await
    }
}

"""Error pages speak Chinese and keep the user in the product."""


def test_a_page_of_another_unit_is_a_chinese_404(actors, other_task, client_for):
    response = client_for(actors["alice"]).get(f"/plans/tasks/{other_task.pk}/")
    body = response.content.decode()
    assert response.status_code == 404 and "未找到页面" in body and "工作台" in body


def test_a_forbidden_action_is_a_chinese_403_saying_why(actors, task, client_for):
    response = client_for(actors["leo"]).get(f"/plans/tasks/{task.pk}/edit/")
    body = response.content.decode()
    assert response.status_code == 403 and "无权" in body

def test_home_page_renders_in_chinese_by_default(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "邻里" in response.content.decode()


def test_settings_default_to_chinese_and_shanghai(settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"

def test_front_page_lists_active_tenants(client, personas):
    response = client.get("/")
    assert response.status_code == 200
    assert "Frivilligcenter Alfa" in response.content.decode()

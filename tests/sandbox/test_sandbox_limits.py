"""Rate limiting: 429 with Retry-After over the limit, and notion-client's retry recovers."""

import notion_client
import pytest
from notion_client import APIResponseError

from certsync.sandbox import Sandbox


def test_a_burst_over_the_limit_gets_429_with_an_integer_retry_after(sb_token):
    with Sandbox(rate_limit=1, burst=3).start() as sb:
        client = notion_client.Client(auth=sb_token, base_url=sb.notion_url, retry=False)
        outcomes = []
        for _ in range(6):
            try:
                client.users.me()
                outcomes.append(200)
            except APIResponseError as e:
                assert e.code == "rate_limited" and e.status == 429
                assert int(e.headers["retry-after"]) >= 1
                outcomes.append(429)
        assert outcomes[:3] == [200, 200, 200] and 429 in outcomes[3:]
        rows = {(r["status"]): r["count"] for r in sb.stats()["requests"]}
        assert rows[429] == outcomes.count(429)


def test_notion_clients_own_retry_recovers(sb_token):
    with Sandbox(rate_limit=5, burst=2).start() as sb:
        client = notion_client.Client(auth=sb_token, base_url=sb.notion_url)
        for _ in range(4):
            assert client.users.me()["type"] == "bot"
        statuses = [r["status"] for r in sb.stats()["requests"]]
        assert 429 in statuses


def test_rate_limit_zero_turns_it_off(sb_token):
    with Sandbox(rate_limit=0).start() as sb:
        client = notion_client.Client(auth=sb_token, base_url=sb.notion_url, retry=False)
        for _ in range(30):
            client.users.me()


def test_the_limit_is_per_token_and_401s_do_not_spend_it(sb_token):
    with Sandbox(rate_limit=1, burst=1).start() as sb:
        wrong = notion_client.Client(auth="ntn_other", base_url=sb.notion_url, retry=False)
        for _ in range(3):
            with pytest.raises(APIResponseError) as e:
                wrong.users.me()
            assert e.value.status == 401
        notion_client.Client(auth=sb_token, base_url=sb.notion_url, retry=False).users.me()


def test_rate_limit_can_be_changed_at_run_time(sb_token):
    with Sandbox(rate_limit=0).start() as sb:
        sb.set_rate_limit(1, burst=1)
        client = notion_client.Client(auth=sb_token, base_url=sb.notion_url, retry=False)
        client.users.me()
        with pytest.raises(APIResponseError):
            client.users.me()

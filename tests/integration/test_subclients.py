"""The oracle arithmetic of test_subscribe.py (subclients.py) on made-up streams, no servers: it
must notice a duplicate, a missing update, an invented row at the switch, a progress row for a
client that did not ask for one, time going backwards; and find the switch timestamp T."""

import subclients as sc


def stream(events, progress=True, form="subscribe"):
    log = sc.StreamLog("s", "SUBSCRIBE v", progress, form)
    for e in events:
        if e[1] == "P":
            log.events.append((e[0], True, None, None, 0.0))
        else:
            log.events.append((e[0], False, e[1], (e[2],), 0.0))
    return log


# An environment's history: snapshot {a, b} at 10, +c at 12, -a at 14, +d at 16; progress
# after each timestamp.
OLD = [(10, "P"), (10, 1, "a"), (10, 1, "b"), (11, "P"), (12, 1, "c"), (13, "P"), (14, -1, "a"),
       (15, "P"), (16, 1, "d"), (17, "P"), (19, "P")]
# The new definition: every row upper case (e.g. a changed computed column).
NEW = [(11, "P"), (11, 1, "A"), (11, 1, "B"), (12, 1, "C"), (13, "P"), (14, -1, "A"),
       (15, "P"), (16, 1, "D"), (17, "P"), (19, "P")]


def envs():
    return [("old", sc.Accumulated(stream(OLD))), ("new", sc.Accumulated(stream(NEW)))]


def test_identical_stream_matches():
    sw, probs, cur = sc.match_environments(stream(OLD), envs()[:1])
    assert probs == [] and sw == [] and cur == 0
    assert [p for p, _ in sc.checkpoints(stream(OLD))] == [11, 13, 15, 17, 19]


def test_a_duplicate_is_noticed():
    dup = OLD[:5] + [(12, 1, "c")] + OLD[5:]
    _, probs, _ = sc.match_environments(stream(dup), envs()[:1])
    assert probs and probs[0].startswith("P=13"), probs


def test_a_missing_update_is_noticed():
    gap = [e for e in OLD if e != (14, -1, "a")]
    _, probs, _ = sc.match_environments(stream(gap), envs()[:1])
    assert probs and probs[0].startswith("P=15"), probs


def test_switch_found_at_T():
    # Old up to 13, at T=14 the difference new(14) - old(13), then new's updates.
    client = OLD[:6] + [(14, -1, "a"), (14, -1, "b"), (14, -1, "c"), (14, 1, "B"),
                        (14, 1, "C"), (15, "P"), (16, 1, "D"), (17, "P")]
    sw, probs, cur = sc.match_environments(stream(client), envs())
    assert probs == [] and cur == 1
    assert len(sw) == 1 and sw[0][3] - 1 == 14, sw


def test_a_row_invented_at_the_switch_is_noticed():
    client = OLD[:6] + [(14, -1, "a"), (14, -1, "b"), (14, -1, "c"), (14, 1, "B"),
                        (14, 1, "C"), (14, 1, "X"), (15, "P"), (16, 1, "D"), (17, "P")]
    _, probs, _ = sc.match_environments(stream(client), envs())
    assert probs, "an extra row at T went unnoticed"


def test_order_problems():
    assert sc.order_problems(stream(OLD)) == []
    assert sc.order_problems(stream([(12, 1, "a"), (11, 1, "b")]))
    assert sc.order_problems(stream([(12, "P"), (11, 1, "b")]))
    assert sc.order_problems(stream([(12, "P"), (12, "P")]))
    assert sc.order_problems(stream([(12, 1, "a"), (13, "P")], progress=False))


def test_values_decoding():
    log = sc.StreamLog("s", "x", False, "subscribe")
    log.add_values(["12", "t", None, None], 0.0)  # a progress row the client did not ask for
    assert log.bad and not log.events
    log = sc.StreamLog("s", "x", True, "copy")
    log.add_values(sc.decode_copy_line("12\tf\t-1\tx\\ty\t\\N"), 0.0)
    assert log.events == [(12, False, -1, ("x\ty", None), 0.0)]

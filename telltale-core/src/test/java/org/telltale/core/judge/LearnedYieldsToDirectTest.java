package org.telltale.core.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.FirstSeen;
import org.telltale.api.Location;
import org.telltale.core.TestNodes;

/**
 * A learned identifier yields to a direct finding of the same bytes or of the same value deeper in the
 * same node, and only then; a body holding the value thousands of times is judged in time linear in
 * its candidates (hostile input: a learned value repeated beside a field that names it).
 */
class LearnedYieldsToDirectTest {
    private static final Location BODY = new Location(Location.Kind.BODY, "", 4);
    private static final Location COOKIE = new Location(Location.Kind.COOKIE, "id", 0);
    private static final FirstSeen SEEN = new FirstSeen(0, "f/0", "user_id", "request.url > query:uid");
    private static final String ID = "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";

    private static Candidate direct(int node, Location at, List<String> path, String kind, String value, int start, int end) {
        return new Candidate(node, at, TestNodes.steps(path), new Detection(null, kind, value, value, "plain",
                Confidence.HIGH, start, end));
    }

    private static Candidate learned(int node, Location at, List<String> path, String kind, String value, int start,
                                     int end) {
        return new Candidate(node, at, TestNodes.steps(path), new Detection(null, kind, value, value, "md5",
                Confidence.HIGH, start, end), SEEN);
    }

    @Test
    void aLearnedIdentifierYieldsOnlyToADirectFindingOfTheSameBytesOrOfTheSameValueDeeperInItsNode() {
        Candidate named = direct(2, BODY, List.of("json:$.a", "json:$.a.user_id"), "user_id", ID, 0, 36);
        Candidate sameBytes = learned(2, BODY, List.of("json:$.a", "json:$.a.user_id"), "user_id", ID, 10, 40);
        Candidate around = learned(1, BODY, List.of("json:$.a"), "user_id", ID, 5, 41);
        Candidate besideInNode = learned(2, BODY, List.of("json:$.a", "json:$.a.user_id"), "user_id", ID, 36, 68);
        Candidate sibling = learned(3, BODY, List.of("json:$.a", "json:$.a.k"), "user_id", ID, 0, 32);
        Candidate otherKind = learned(1, BODY, List.of("json:$.a"), "device_id", ID, 5, 41);
        Candidate otherRoot = learned(7, COOKIE, List.of(), "user_id", ID, 0, 32);
        Candidate shared = learned(2, BODY, List.of("json:$.a", "json:$.a.user_id"), "shared_id", ID, 0, 36);

        List<Candidate> kept = new LearnedYieldsToDirect().apply(
                List.of(around, otherKind, named, sameBytes, besideInNode, shared, sibling, otherRoot), new Verdict("t.example"));

        assertThat(kept).containsExactly(otherKind, named, besideInNode, shared, sibling, otherRoot);
    }

    @Test
    void aValueRepeatedThousandsOfTimesBesideItsNamedFieldIsJudgedInLinearTime() {
        int pairs = 40_000;
        List<Candidate> candidates = new ArrayList<>();
        int node = 0;
        for (int i = 0; i < pairs; i++) {
            String object = "json:$[" + i + "]";
            candidates.add(learned(node++, BODY, List.of(object), "user_id", ID, 12, 48));
            candidates.add(direct(node, BODY, List.of(object, object + ".user_id"), "user_id", ID, 0, 36));
            candidates.add(learned(node++, BODY, List.of(object, object + ".user_id"), "user_id", ID, 0, 36));
            candidates.add(learned(node++, BODY, List.of(object, object + ".k"), "user_id", ID, 0, 36));
        }
        List<Candidate> kept = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> new LearnedYieldsToDirect().apply(candidates, new Verdict("t.example")));
        // per object: the direct finding and the learned one of the sibling field "k"
        assertThat(kept).hasSize(2 * pairs);
        assertThat(kept).filteredOn(Candidate::learned).allSatisfy(c -> assertThat(c.steps()).hasSize(2));
    }
}

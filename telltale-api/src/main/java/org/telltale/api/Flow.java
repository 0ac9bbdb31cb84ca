package org.telltale.api;

import java.time.Instant;

/**
 * One exchange as listed in a result; findings point at it by index and by id.
 *
 * @param index              numbered from 0 in input order, inputs one after another; for display
 * @param id                 stable across runs: the capture's SHA-256, "/", and the origin ("…/entry 12")
 * @param time               when the request started, or null
 * @param method             the HTTP method
 * @param url                the request URL
 * @param host               the host it went to
 * @param serverIp           the server IP, or null when the capture does not say
 * @param serverPort         the server port, or 0
 * @param session            the label of the marked session holding it, or null
 * @param input              the input file it came from
 * @param origin             where in that input ("entry 12")
 * @param app                the app that sent it when the capture says, or null
 * @param incomplete         true when part of it was lost in the capture
 * @param analysisIncomplete true when a limit (depth, bytes decoded, bytes scanned) stopped its analysis early
 */
public record Flow(int index, String id, Instant time, String method, String url, String host, String serverIp,
                   int serverPort, String session, String input, String origin, String app, boolean incomplete,
                   boolean analysisIncomplete) {
}

package org.telltale.formats.har;

import java.util.List;

/**
 * The parts of one HAR entry that become an {@link org.telltale.api.Exchange}, as the file writes
 * them and nothing else. A value is null where the field is missing, null, or an object or array
 * where a string was due; a list is null where the field is not an array.
 */
final class HarFields {
    private HarFields() {
    }

    /**
     * @param request           null when missing or not an object
     * @param response          null when missing or not an object
     * @param webSocketMessages Chrome's {@code _webSocketMessages}
     */
    record Entry(Request request, Response response, String startedDateTime, String serverIpAddress,
                 List<WebSocketMessage> webSocketMessages) {
    }

    /**
     * @param postData null when missing or not an object
     */
    record Request(String method, String url, String httpVersion, List<Pair> headers, List<Pair> cookies,
                   PostData postData) {
    }

    record PostData(String text, String encoding, List<Pair> params) {
    }

    /**
     * @param status      the status as Jackson's {@code asInt(0)} reads it: 0 when missing or not a number
     * @param contentText the {@code content.text}
     */
    record Response(int status, List<Pair> headers, String contentText, String contentEncoding) {
    }

    /** A header, cookie or form field; both null when the element is not an object (or a pair array). */
    record Pair(String name, String value) {
    }

    /**
     * @param opcode the opcode as {@code asInt(1)} reads it: 1 (text) when missing
     * @param time   seconds since the epoch; NaN when missing or not a number
     */
    record WebSocketMessage(String type, int opcode, String data, double time) {
    }
}

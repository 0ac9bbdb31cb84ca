package org.telltale.api;

import java.time.Instant;

/**
 * One message on an upgraded connection (WebSocket), in either direction.
 *
 * @param fromClient true when the device sent it (then it is analysed like a request body)
 * @param time       when it was sent; null when unknown
 * @param text       true for a text frame, false for binary
 * @param data       the message content
 */
public record Message(boolean fromClient, Instant time, boolean text, byte[] data) {
}

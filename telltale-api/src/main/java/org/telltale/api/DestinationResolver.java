package org.telltale.api;

/** Tells who is behind a host or IP and where, from bundled data only. Never touches the network. */
public interface DestinationResolver {
    /**
     * @param host the host name, or null
     * @param ip   the IP address, or null
     * @return what the datasets know; {@link Attribution#NONE} when nothing
     */
    Attribution resolve(String host, String ip);

    /** A resolver that knows nothing, for analyses run without bundled data. */
    DestinationResolver NONE = (host, ip) -> Attribution.NONE;
}

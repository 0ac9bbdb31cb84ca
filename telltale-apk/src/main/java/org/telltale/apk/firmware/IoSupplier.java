package org.telltale.apk.firmware;

import java.io.IOException;

/** Opens something on demand, the way a file inside an image is opened only when its reader wants it. */
@FunctionalInterface
public interface IoSupplier<T> {
    T get() throws IOException;
}

package org.telltale.apk.firmware;

import java.io.IOException;
import java.io.InputStream;

/** Receives each file of interest a {@link FirmwareWalker} finds, one at a time, in the image's order. */
@FunctionalInterface
public interface FirmwareVisitor {
    /**
     * One regular file.
     *
     * @param partition the partition it lives in ({@code system}, {@code vendor}, {@code product}...), without
     *                  an A/B slot suffix
     * @param path      its path as mounted on the device ({@code /system/app/Settings/Settings.apk}), so an APK
     *                  and the {@code oat/<arch>/*.vdex} beside it can be paired by their folder
     * @param size      its size in bytes
     * @param open      opens its contents; valid only during this call
     */
    void file(String partition, String path, long size, IoSupplier<InputStream> open) throws IOException;
}

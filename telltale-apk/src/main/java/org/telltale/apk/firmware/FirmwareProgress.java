package org.telltale.apk.firmware;

/**
 * Follows a walk partition by partition, for a progress bar per partition. The bytes counted are those
 * of the partition's image as it is unpacked (or, for an image read in place, as it is walked).
 */
public interface FirmwareProgress {
    /** Reports nothing. */
    FirmwareProgress NONE = new FirmwareProgress() {
        @Override
        public void partition(String name, long totalBytes) {
        }

        @Override
        public void advanced(long bytes) {
        }

        @Override
        public void done(String name) {
        }
    };

    /** A partition starts; its image has this many bytes. */
    void partition(String name, long totalBytes);

    /** So many more bytes of the current partition were handled. */
    void advanced(long bytes);

    /** The partition is finished. */
    void done(String name);
}

package org.telltale.attribute;

/**
 * What one dataset is, where it was read from and how much it holds.
 *
 * @param id       the dataset's name, as it appears in {@code Attribution.sources}
 * @param file     its file name inside the data directory
 * @param version  the upstream version or date of the snapshot
 * @param licence  the licence the file carries (SPDX identifier where one exists)
 * @param entries  how many records were loaded (ranges or domains)
 * @param bytes    the size of the file as stored, -1 when unknown
 * @param location "bundled", or the path of the user's replacement file
 */
public record DatasetInfo(String id, String file, String version, String licence, long entries, long bytes,
                          String location) {
}

package org.telltale.attribute;

/**
 * Who owns a domain.
 *
 * @param organization the company
 * @param parent       its parent company, or null
 * @param country      its head-office country, or null
 */
record Owner(String organization, String parent, String country) {
}

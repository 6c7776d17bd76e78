/**
 * QR labels and printable sheets: a payload and caption lines become a PNG, an SVG, or PDF sheets
 * laid out on real label stock. A plain library with no Dropwizard in it, so that any tool of the
 * project can print a label.
 */
package fr.ecole.lending.labels;

/**
 * QR labels and printable sheets: asset tag to QR code to PNG, SVG and PDF. A plain library with
 * no Dropwizard in it, so that any tool of the project can print a label.
 */
package fr.ecole.lending.labels;

/** The coordinator's REST API from the command line ({@code salvo start}, {@code status}, ...). */
package io.salvo.cli.client;

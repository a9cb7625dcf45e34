/**
 * Rocklet's own plumbing shared between modules. Not part of the public API: it may change in any
 * release without notice.
 */
package io.rocklet.mq.api.internal;

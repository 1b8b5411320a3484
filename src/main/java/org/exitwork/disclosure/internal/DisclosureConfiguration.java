package org.exitwork.disclosure.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The gate's settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DisclosureSettings.class)
class DisclosureConfiguration {
}

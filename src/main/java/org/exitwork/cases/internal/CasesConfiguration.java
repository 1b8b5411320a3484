package org.exitwork.cases.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the module's settings once, for every room. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CasesProperties.class)
class CasesConfiguration {
}

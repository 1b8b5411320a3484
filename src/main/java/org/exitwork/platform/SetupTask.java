package org.exitwork.platform;

import java.util.UUID;

/**
 * One thing a programme manager should set up before the organisation can use Exitwork fully
 * (partners, information texts, retention, the organisation's contact, ...).
 *
 * <p>Each module offers its own tasks as beans, so the checklist grows with the modules and no
 * module has to know another's tables; the manager's start page lists them as a task list until
 * every one is done. A task is done when the data says so, never by ticking it off.
 */
public interface SetupTask {

    /** Message keys {@code setup.task.<key>.title} and {@code setup.task.<key>.hint} describe it. */
    String key();

    /** The page where a manager does this task. */
    String link();

    /** Position in the list: the order in which a new organisation should do the tasks. */
    int order();

    boolean isDone(UUID organisation);
}

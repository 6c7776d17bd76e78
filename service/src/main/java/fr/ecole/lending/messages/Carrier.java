package fr.ecole.lending.messages;

/** What takes a message out of the building for one channel: the mail server, the SMS gateway. */
interface Carrier {
    /**
     * Hands one message over, with its attachment when it has one; returns once the other side took it,
     * throws when it did not (the exception's kind is what the desk sees).
     */
    void send(MessageDao.MessageRow message, byte[] attachment) throws Exception;

    /** Whether the other side can be reached with these settings, without sending anything. */
    void check() throws Exception;
}

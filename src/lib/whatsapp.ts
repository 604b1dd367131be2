// KUBEs talk in WhatsApp groups. A share link opens WhatsApp (the app on a phone, WhatsApp Web elsewhere) with
// the message typed in, for the person to pick the group: the platform needs no WhatsApp account of its own.

/** A `wa.me` link with `text` ready to send. */
export const whatsAppLink = (text: string): string => `https://wa.me/?text=${encodeURIComponent(text)}`;

// book_calendar: the booking's time (the task's `start`, else tomorrow 10:00 UTC) and, in `ics`
// mode, an iCalendar invitation emailed to the owner; in `google` mode the event's fields.
const task = $input.first().json.task;
const settings = task.settings || {};
const payload = task.payload || {};
const contact = task.contact || {};
const minutes = Number(settings.booking_minutes) || 30;
let start;
if (payload.start) {
  start = new Date(payload.start);
  if (Number.isNaN(start.getTime())) throw new Error(`the booking time ${payload.start} is not a date`);
} else {
  start = new Date(Date.now() + 24 * 3600 * 1000);
  start.setUTCHours(10, 0, 0, 0);
}
const end = new Date(start.getTime() + minutes * 60 * 1000);
// The customer and the owner read the time in the offset it was asked in ("15:00 (UTC+01:00)"),
// not converted to GMT; a time without an offset is shown in UTC.
const offset = /([+-])(\d{2}):?(\d{2})$/.exec(String(payload.start || ''));
const offsetMinutes = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
const when = new Date(start.getTime() + offsetMinutes * 60 * 1000).toUTCString().replace(/:\d{2} GMT$/, '')
  + (offset ? ` (UTC${offset[1]}${offset[2]}:${offset[3]})` : ' (UTC)');
const who = contact.phone || contact.chat_id;
const google = settings.calendar_mode === 'google';
const summary = `Booking: ${who}`;
const description = (payload.message || '')
  + (task.conversation_summary ? `\n\nConversation:\n${task.conversation_summary}` : '');
const item = {
  task, google, calendar_id: settings.calendar_id || 'primary', start: start.toISOString(), end: end.toISOString(),
  summary, description, reply: `Your booking request for ${when} is in: we'll confirm the time shortly.`,
};
if (google) return [{ json: item }];
if (!settings.owner_email) throw new Error('no owner email to send the invitation to: set task_settings.owner_email');
const utc = (d) => d.toISOString().replace(/[-:]/g, '').split('.')[0] + 'Z';
// RFC 5545 text: escape backslash, semicolon, comma and line breaks.
const text = (s) => String(s).replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Salesboy//n8n//EN', 'METHOD:PUBLISH', 'BEGIN:VEVENT',
  `UID:${task.task_id}@salesboy`, `DTSTAMP:${utc(new Date())}`, `DTSTART:${utc(start)}`, `DTEND:${utc(end)}`,
  `SUMMARY:${text(summary)}`, `DESCRIPTION:${text(description)}`, 'END:VEVENT', 'END:VCALENDAR'].join('\r\n') + '\r\n';
return [{
  json: { ...item, ics, to: settings.owner_email, from: settings.sender || settings.owner_email,
          subject: `Booking request from ${who}`,
          text: `${who} asked to book ${when}, ${minutes} minutes. The invitation is attached.\n\n` +
                description },
  binary: { invite: { data: Buffer.from(ics, 'utf8').toString('base64'), mimeType: 'text/calendar',
                      fileName: 'booking.ics' } },
}];

import * as z from 'zod';
import type { NoteRecord } from '../src/store/contract.js';

/** The caller's own notes, whoever the caller is: the URI names no user, the token does. */
export const MY_NOTES_URI = 'notes://me';

/** The scopes the notes tools, resource and prompt ask for. */
export const NOTES_READ_SCOPE = 'notes:read';
export const NOTES_WRITE_SCOPE = 'notes:write';

export const NoteView = z.object({
  id: z.string(),
  text: z.string(),
  createdAt: z.string().describe('ISO 8601'),
});

/** A stored note as clients see it: no owner field, since it is always the caller. */
export function noteView(note: NoteRecord): z.infer<typeof NoteView> {
  return { id: note.id, text: note.text, createdAt: new Date(note.createdAt).toISOString() };
}

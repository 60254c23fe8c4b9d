/**
 * The Gmail v1 response resources, field by field as the discovery document has them (every documented
 * field, not only those the emulator fills: Google accepts a selection of a documented field it has no
 * value for, and refuses an unknown one). Used to check `fields` selections.
 */
import type { ResourceShape } from './partial-response.js';
import type { GmailMethod } from './quota.js';

function shape(name: string, fields: () => Record<string, ResourceShape | null>): ResourceShape {
  return { name, fields };
}

const messagePartHeader = shape('MessagePartHeader', () => ({ name: null, value: null }));
const messagePartBody = shape('MessagePartBody', () => ({ attachmentId: null, data: null, size: null }));
const messagePart: ResourceShape = shape('MessagePart', () => ({
  body: messagePartBody,
  filename: null,
  headers: messagePartHeader,
  mimeType: null,
  partId: null,
  parts: messagePart,
}));
const classificationLabelFieldValue = shape('ClassificationLabelFieldValue', () => ({
  fieldId: null,
  selection: null,
}));
const classificationLabelValue = shape('ClassificationLabelValue', () => ({
  fields: classificationLabelFieldValue,
  labelId: null,
}));
const message = shape('Message', () => ({
  classificationLabelValues: classificationLabelValue,
  historyId: null,
  id: null,
  internalDate: null,
  labelIds: null,
  payload: messagePart,
  raw: null,
  sizeEstimate: null,
  snippet: null,
  threadId: null,
}));
const listMessagesResponse = shape('ListMessagesResponse', () => ({
  messages: message,
  nextPageToken: null,
  resultSizeEstimate: null,
}));
const thread = shape('Thread', () => ({ historyId: null, id: null, messages: message, snippet: null }));
const listThreadsResponse = shape('ListThreadsResponse', () => ({
  nextPageToken: null,
  resultSizeEstimate: null,
  threads: thread,
}));
const historyMessageChange = shape('HistoryMessageAdded', () => ({ message }));
const historyLabelChange = shape('HistoryLabelAdded', () => ({ labelIds: null, message }));
const history = shape('History', () => ({
  id: null,
  labelsAdded: historyLabelChange,
  labelsRemoved: historyLabelChange,
  messages: message,
  messagesAdded: historyMessageChange,
  messagesDeleted: historyMessageChange,
}));
const listHistoryResponse = shape('ListHistoryResponse', () => ({
  history,
  historyId: null,
  nextPageToken: null,
}));
const labelColor = shape('LabelColor', () => ({ backgroundColor: null, textColor: null }));
const label = shape('Label', () => ({
  color: labelColor,
  id: null,
  labelListVisibility: null,
  messageListVisibility: null,
  messagesTotal: null,
  messagesUnread: null,
  name: null,
  threadsTotal: null,
  threadsUnread: null,
  type: null,
}));
const listLabelsResponse = shape('ListLabelsResponse', () => ({ labels: label }));
const profile = shape('Profile', () => ({
  emailAddress: null,
  historyId: null,
  messagesTotal: null,
  threadsTotal: null,
}));

/** What each method answers; batchModify answers no body, so it has no shape to select from. */
export const RESPONSE_SHAPES: Record<GmailMethod, ResourceShape | undefined> = {
  'users.getProfile': profile,
  'users.labels.list': listLabelsResponse,
  'users.labels.get': label,
  'users.history.list': listHistoryResponse,
  'users.messages.list': listMessagesResponse,
  'users.messages.get': message,
  'users.messages.modify': message,
  'users.messages.attachments.get': messagePartBody,
  'users.messages.batchModify': undefined,
  'users.threads.get': thread,
  'users.threads.list': listThreadsResponse,
  'users.threads.modify': thread,
};

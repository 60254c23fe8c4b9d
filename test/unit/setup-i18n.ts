// Renderer components translate through the window's translator; start it as the page does (English here,
// from jsdom's navigator.languages), so component tests see the English catalogue.
import '../../renderer/src/i18n/i18n.js';

/*
 * The editor page's Vietnamese: Decap's own `vi` strings completed and corrected, a date box
 * typed as dd/mm/yyyy, a nominee id proposed from the name, and a new form that does not claim
 * to be saved. Loaded after Decap's bundle (site_builder/commands/cms_config.py, EDITOR_SCRIPTS),
 * before Decap starts (before.js holds it back, start.js starts it), so every registration is in
 * place for the first render. docs/editor.md says what each part fixes and how it is tested.
 */
(function () {
  'use strict';

  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  if (!CMS || !h || !createClass) {
    // Without Decap's globals nothing here can register; the page still works, in Decap's words.
    return;
  }

  /* ---- Strings -------------------------------------------------------------------------- */

  // Every key Decap's English has and its `vi` lacks (Decap falls back to English key by key:
  // "Add văn bản"), and the `vi` strings that were cut short or wrong for this office
  // ("Trạng: Bản nháp", "D MMMM" printing "7 December"). Keys as in decap-cms-locales 3.8.2.
  var STRINGS = {
    auth: {
      loginWithAzure: 'Đăng nhập bằng Azure',
      loginWithForgejo: 'Đăng nhập bằng Forgejo',
      errors: {
        identitySettings:
          'Không truy cập được thiết lập danh tính. Với git-gateway, hãy bật dịch vụ Identity và Git Gateway.',
      },
    },
    app: {
      header: {
        content: 'Hồ sơ',
        workflow: 'Bản nháp và duyệt',
        media: 'Ảnh',
        quickAdd: 'Tạo mới',
      },
      app: {
        errorHeader: 'Lỗi khi đọc cấu hình trang biên tập',
        checkConfigYml: 'Kiểm tra lại tệp config.yml.',
        waitingBackend: 'Đang chờ kho dữ liệu...',
      },
    },
    collection: {
      sidebar: {
        collections: 'Loại hồ sơ',
        allCollections: 'Mọi loại hồ sơ',
        searchAll: 'Tìm trong mọi hồ sơ',
        searchIn: 'Tìm trong',
      },
      collectionTop: {
        viewAs: 'Xem dạng',
        viewAsList: 'Xem dạng danh sách',
        viewAsGrid: 'Xem dạng lưới',
        newButton: '＋ Thêm %{collectionLabel}',
        // The same words as the button shows, so a voice command "Thêm danh sách" finds it.
        newButtonAriaLabel: 'Thêm %{collectionLabel}',
        groupBy: 'Nhóm theo',
      },
      entries: {
        loadingEntries: 'Đang tải hồ sơ...',
        cachingEntries: 'Đang ghi nhớ hồ sơ...',
        noEntries: 'Chưa có hồ sơ nào',
        unpublishedHeader: 'Hồ sơ chưa công bố',
      },
      groups: {
        other: 'Khác',
        negateLabel: 'Không phải %{label}',
      },
    },
    editor: {
      editorControl: {
        field: {
          widgetLabel: 'Trường %{widgetLabel}',
        },
      },
      editorControlPane: {
        i18n: {
          writingInLocale: 'Đang viết bằng %{locale}',
          copyFromLocale: 'Chép từ ngôn ngữ khác',
          copyFromLocaleConfirm: 'Chép nội dung từ %{locale}?\nMọi nội dung hiện có sẽ bị thay thế.',
        },
      },
      editor: {
        loadingEntry: 'Đang tải hồ sơ...',
      },
      editorInterface: {
        toggleI18n: 'Bật, tắt nhiều ngôn ngữ',
        togglePreview: 'Bật, tắt xem trước',
        toggleScrollSync: 'Cuộn cùng nhau',
        toggleNotes: 'Bật, tắt ghi chú',
      },
      editorNotesPane: {
        title: 'Ghi chú',
        emptyState: 'Chưa có ghi chú nào. Viết ghi chú đầu tiên ở dưới.',
        addNote: 'Thêm ghi chú',
        addPlaceholder: 'Viết một ghi chú...',
        editPlaceholder: 'Sửa ghi chú...',
        save: 'Lưu',
        cancel: 'Hủy',
        edit: 'Sửa',
        delete: 'Xóa',
        resolve: 'Đã giải quyết',
        unresolve: 'Mở lại',
        confirmDelete: 'Xóa ghi chú này?',
        shortcut: 'Mẹo: bấm Ctrl+Enter để thêm ghi chú nhanh',
      },
      editorToolbar: {
        statusInfoTooltipDraft:
          'Hồ sơ đang là bản nháp. Khi xong, đổi trạng thái thành Sẵn sàng để người duyệt xem.',
        statusInfoTooltipInReview:
          'Hồ sơ đang được duyệt; không cần làm gì thêm, nhưng vẫn có thể sửa trong lúc chờ.',
        status: 'Trạng thái: %{status}',
        // Shorter than Decap's "Xoá thay đổi chưa công bố này", which squeezed the 1280 px toolbar
        // once the status said "Trạng thái": what it drops is the draft (its branch).
        deleteUnpublishedChanges: 'Xóa bản nháp',
        deleteUnpublishedEntry: 'Xóa bản nháp',
        deletePublishedEntry: 'Xóa hồ sơ đã công bố',
        backCollection: ' Đang sửa trong %{collectionLabel}',
        deployPreviewPendingButtonLabel: 'Bản xem trước',
        // Two words under the back link, where Decap's "Thay đổi đã được lưu" took two lines at
        // 1280 px and was cut by the toolbar's edge.
        changesSaved: 'Đã lưu',
        unsavedChanges: 'Chưa lưu',
      },
      editorWidgets: {
        markdown: {
          bold: 'Đậm',
          italic: 'Nghiêng',
          strikethrough: 'Gạch ngang',
          code: 'Mã',
          link: 'Liên kết',
          linkPrompt: 'Nhập địa chỉ của liên kết',
          headings: 'Tiêu đề',
          quote: 'Trích dẫn',
          bulletedList: 'Danh sách gạch đầu dòng',
          numberedList: 'Danh sách đánh số',
          addComponent: 'Thêm thành phần',
          markdown: 'Mã Markdown',
          toggleMode: {
            rich: 'Chuyển sang soạn có định dạng',
            markdown: 'Chuyển sang soạn Markdown',
          },
        },
        image: {
          chooseMultiple: 'Chọn các hình',
          chooseUrl: 'Chèn từ địa chỉ web',
          replaceUrl: 'Thay bằng địa chỉ web',
          promptUrl: 'Nhập địa chỉ của hình',
          addMore: 'Thêm hình',
          removeAll: 'Gỡ mọi hình',
        },
        file: {
          chooseUrl: 'Chèn từ địa chỉ web',
          chooseMultiple: 'Chọn các tập tin',
          replaceUrl: 'Thay bằng địa chỉ web',
          promptUrl: 'Nhập địa chỉ của tập tin',
          addMore: 'Thêm tập tin',
          removeAll: 'Gỡ mọi tập tin',
        },
        unknownControl: {
          noControl: "Không có ô nhập cho kiểu trường '%{widget}'.",
        },
        unknownPreview: {
          noPreview: "Không có bản xem trước cho kiểu trường '%{widget}'.",
        },
        datetime: {
          now: 'Hôm nay',
          setToNow: 'Đặt %{fieldLabel} là hôm nay',
        },
        list: {
          add: 'Thêm %{item}',
          addType: 'Thêm %{item}',
        },
        object: {
          expand: 'Mở ra',
          collapse: 'Thu gọn',
        },
      },
    },
    mediaLibrary: {
      mediaLibraryCard: {
        copy: 'Sao chép',
        copyUrl: 'Sao chép địa chỉ',
        copyPath: 'Sao chép đường dẫn',
        copyName: 'Sao chép tên',
        copied: 'Đã sao chép',
      },
      mediaLibraryModal: {
        close: 'Đóng',
        deleteSelected: 'Xóa ảnh đã chọn',
        chooseSelected: 'Dùng ảnh đã chọn',
        mediaAssets: 'Ảnh đã tải lên',
      },
    },
    ui: {
      settingsDropdown: {
        account: 'Tài khoản',
      },
      errorBoundary: {
        reportIt: 'báo lỗi cho bộ phận tin học.',
      },
      toast: {
        noteAdded: 'Đã thêm ghi chú',
        onFailToAddNote: 'Không thêm được ghi chú: %{details}',
        noteUpdated: 'Đã sửa ghi chú',
        onFailToUpdateNote: 'Không sửa được ghi chú: %{details}',
        noteDeleted: 'Đã xóa ghi chú',
        onFailToDeleteNote: 'Không xóa được ghi chú: %{details}',
        noteResolved: 'Ghi chú đã giải quyết',
        noteReopened: 'Ghi chú đã mở lại',
        onFailToToggleNote: 'Không đổi được trạng thái ghi chú: %{details}',
        onFailToPersist: 'Không lưu được hồ sơ: %{details}',
        entrySaved: 'Đã lưu hồ sơ',
        entryPublished: 'Đã công bố hồ sơ',
        entryUnpublished: 'Đã ngừng công bố hồ sơ',
        entryUpdated: 'Đã đổi trạng thái hồ sơ',
        onBackendDown: 'Kho dữ liệu đang gặp trục trặc. Xem %{details} để biết thêm.',
      },
    },
    workflow: {
      workflow: {
        loading: 'Đang tải các bản nháp',
        workflowHeading: 'Bản nháp và duyệt',
        newPost: 'Hồ sơ mới',
        description:
          '%{smart_count} hồ sơ đang chờ duyệt, %{readyCount} hồ sơ sẵn sàng công bố. |||| %{smart_count} hồ sơ đang chờ duyệt, %{readyCount} hồ sơ sẵn sàng công bố.',
        // Numbers only: the board's dates ("7 December" with Decap's 'D MMMM') in the Vietnamese order.
        dateFormat: 'DD/MM/YYYY',
      },
      workflowList: {
        currentEntries: '%{smart_count} hồ sơ |||| %{smart_count} hồ sơ',
      },
    },
  };

  function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  function merged(base, extra) {
    var out = {};
    Object.keys(base || {}).forEach(function (key) {
      out[key] = base[key];
    });
    Object.keys(extra).forEach(function (key) {
      out[key] = isObject(extra[key]) && isObject(out[key]) ? merged(out[key], extra[key]) : extra[key];
    });
    return out;
  }

  CMS.registerLocale('vi', merged(CMS.getLocale('vi'), STRINGS));

  /* ---- Dates: dd/mm/yyyy typed, YYYY-MM-DD stored ------------------------------------------ */

  var ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
  // d/m/yyyy with / . or - between, as dates are written in Vietnamese documents; ISO also
  // accepted (pasted from a file).
  var TYPED = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/;
  var EXAMPLE = 'viết theo dạng ngày/tháng/năm, ví dụ 16/11/2026';

  function two(number) {
    return (number < 10 ? '0' : '') + number;
  }

  function realDate(year, month, day) {
    var date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }

  // {iso} for a real date, {impossible} for one that cannot be (31/02), {} for text that is not
  // a date at all.
  function parseDate(text) {
    var match = ISO.exec(text.trim());
    var year, month, day;
    if (match) {
      year = +match[1];
      month = +match[2];
      day = +match[3];
    } else {
      match = TYPED.exec(text);
      if (!match) return {};
      day = +match[1];
      month = +match[2];
      year = +match[3];
    }
    if (!realDate(year, month, day)) return { impossible: true };
    return { iso: year + '-' + two(month) + '-' + two(day) };
  }

  // What the box shows for a stored value: 2026-11-16 as 16/11/2026; anything else as it is.
  function shown(value) {
    if (value instanceof Date) {
      return two(value.getUTCDate()) + '/' + two(value.getUTCMonth() + 1) + '/' + value.getUTCFullYear();
    }
    var text = value == null ? '' : String(value);
    var match = ISO.exec(text);
    return match ? match[3] + '/' + match[2] + '/' + match[1] : text;
  }

  // What the entry holds for typed text: the ISO date when it is one, else the text itself, so
  // that the form refuses it (isValid) instead of silently keeping the previous date.
  function stored(text) {
    var parsed = parseDate(text);
    return parsed.iso || text;
  }

  var DateControl = createClass({
    getInitialState: function () {
      return { text: shown(this.props.value) };
    },

    componentDidUpdate: function (previous) {
      // A value changed from outside the box (a draft loaded, a list item moved) is shown afresh;
      // the box's own typing is left alone so the caret does not jump.
      var value = this.props.value;
      if (previous.value !== value && stored(this.state.text) !== (value == null ? '' : String(value))) {
        this.setState({ text: shown(value) });
      }
    },

    isValid: function () {
      var value = this.props.value;
      if (value == null || value === '' || value instanceof Date) return true;
      var text = String(value);
      var parsed = parseDate(text);
      if (ISO.test(text) && parsed.iso) return true;
      var message = parsed.impossible
        ? 'Ngày không có thật: ' + shown(text) + '; ' + EXAMPLE
        : 'Ngày không đúng dạng: ' + text + '; ' + EXAMPLE;
      return { error: { type: 'CUSTOM', message: message } };
    },

    handleChange: function (event) {
      var text = event.target.value;
      this.setState({ text: text });
      this.props.onChange(stored(text));
    },

    handleBlur: function () {
      var parsed = parseDate(this.state.text);
      if (parsed.iso) this.setState({ text: shown(parsed.iso) });
      if (this.props.setInactiveStyle) this.props.setInactiveStyle();
    },

    render: function () {
      return h('input', {
        type: 'text',
        id: this.props.forID,
        className: this.props.classNameWrapper,
        value: this.state.text,
        placeholder: 'dd/mm/yyyy',
        inputMode: 'numeric',
        autoComplete: 'off',
        maxLength: 20,
        onChange: this.handleChange,
        onFocus: this.props.setActiveStyle,
        onBlur: this.handleBlur,
      });
    },
  });

  function DatePreview(props) {
    return h('span', null, shown(props.value));
  }

  CMS.registerWidget('ngay', DateControl, DatePreview);

  /* ---- A nominee's id proposed from the name ----------------------------------------------- */

  // As site_builder/vietnamese.py `slug` folds a name: no diacritics, "đ" as "d", lowercase,
  // hyphens; cut to the 100 characters an id may have.
  function slug(text) {
    return text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 100)
      .replace(/-+$/, '');
  }

  // The id follows the name while it is empty or still this box's own proposal; an id typed by
  // hand, or read from the file (saved, perhaps published), is never changed. Its sibling name
  // box is found in the page: Decap gives a widget no access to the other fields of its object.
  var IdControl = createClass({
    componentDidMount: function () {
      this.proposal = '';
      // A nominee just added: its id is set (empty) first, so that it is the first key of the
      // nominee in the file, before the fields the editor fills in (Decap writes a list item's
      // keys in the order they were set).
      if (this.props.value == null) this.props.onChange('');
      this.listener = this.nameTyped.bind(this);
      document.addEventListener('input', this.listener, true);
    },

    componentWillUnmount: function () {
      document.removeEventListener('input', this.listener, true);
    },

    nameBox: function () {
      var source = this.props.field.get('proposed_from') || 'name';
      var own = document.getElementById(this.props.forID);
      var node = own && own.parentElement;
      while (node && !node.querySelector('input[id^="' + source + '-field-"]')) node = node.parentElement;
      return node ? node.querySelector('input[id^="' + source + '-field-"]') : null;
    },

    nameTyped: function (event) {
      var value = this.props.value || '';
      if (value !== '' && value !== this.proposal) return;
      if (event.target !== this.nameBox()) return;
      this.proposal = slug(event.target.value);
      this.props.onChange(this.proposal);
    },

    handleChange: function (event) {
      this.props.onChange(event.target.value);
    },

    render: function () {
      return h('input', {
        type: 'text',
        id: this.props.forID,
        className: this.props.classNameWrapper,
        value: this.props.value || '',
        autoComplete: 'off',
        spellCheck: false,
        onChange: this.handleChange,
        onFocus: this.props.setActiveStyle,
        onBlur: this.props.setInactiveStyle,
      });
    },
  });

  CMS.registerWidget('ma-tu-ten', IdControl, function (props) {
    return h('span', null, props.value || '');
  });

  /* ---- A new form is not "saved" ----------------------------------------------------------- */

  // Decap shows "Đã lưu" (changesSaved) on any form without unsaved changes, a new empty one
  // included; editor.css hides it while the page's address ends in /new.
  function markNewEntry() {
    var isNew = /\/new(\?|$)/.test(window.location.hash);
    document.documentElement.toggleAttribute('data-new-entry', isNew);
  }
  window.addEventListener('hashchange', markNewEntry);
  markNewEntry();

  /* ---- Names for the icon buttons of a list item ------------------------------------------- */

  // A list item's top bar has two icon-only buttons and a drag handle with no name (axe-core:
  // button-name, aria-command-name): a screen reader said "button". Decap's markup offers no
  // label for them, so they are named here after each render, in the order Decap draws them.
  var NAMES = [
    ['[class*="-TopBarButton"]:first-child:not([aria-label])', 'Mở ra hoặc thu gọn mục này'],
    ['[class*="-TopBarButton"]:last-child:not([aria-label])', 'Xóa mục này'],
    ['[aria-roledescription="sortable"]:not([aria-label])', 'Kéo để đổi thứ tự'],
  ];
  var naming = false;
  function nameButtons() {
    naming = false;
    NAMES.forEach(function (pair) {
      document.querySelectorAll(pair[0]).forEach(function (element) {
        element.setAttribute('aria-label', pair[1]);
        element.setAttribute('title', pair[1]);
      });
    });
  }
  new MutationObserver(function () {
    if (!naming) {
      naming = true;
      window.requestAnimationFrame(nameButtons);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();

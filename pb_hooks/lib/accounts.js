// Which fields an applicant or enterprise may change on its own record.
// Everything else (ID number, name, employer, registration, qualification)
// goes through a reviewed application.
module.exports = {
	SELF_EDITABLE: {
		applicants: ['password', 'passwordConfirm', 'oldPassword', 'phone'],
		enterprises: ['password', 'passwordConfirm', 'oldPassword', 'contactName', 'contactPhone', 'contactEmail']
	},
	FORBIDDEN_FIELD_MESSAGE: '此项信息须通过变更申请修改，审核通过后生效',
	MUST_CHANGE_MESSAGE: '首次登录请先修改默认密码'
};
